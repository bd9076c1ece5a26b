using Integrations.Apps.Connections;

namespace Integrations.Apps.Posts;

/// <summary>
/// An app whose API can list the account's recent posts, so a post whose publishing was interrupted (the worker gone
/// after claiming it) is found (published) or known not to be there (tried again). An app without one cannot tell, so
/// such a post fails and asks the admin to look (LinkedIn: a member token with <c>w_member_social</c> cannot read posts).
/// </summary>
internal interface IPostLookup
{
    string AppId { get; }

    /// <summary>The post as published since <paramref name="since"/>, matched by its text; null when it is not there.
    /// Provider errors are thrown as <c>ProviderException</c>.</summary>
    Task<FoundPost?> FindAsync(AppConnection connection, string text, DateTimeOffset since, CancellationToken ct);
}

/// <summary>A post the provider has: its id and link.</summary>
internal sealed record FoundPost(string PostId, string? Url);
