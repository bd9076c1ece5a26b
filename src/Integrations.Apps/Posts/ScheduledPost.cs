using Integrations.Platform.Data;

namespace Integrations.Apps.Posts;

/// <summary>
/// A post to publish through a connection at <see cref="PublishAt"/>. The row is the worker's truth: it is claimed by
/// moving it to <c>publishing</c> with the attempt counted and a lease, committed before the provider is called, so a
/// crash leaves a row that says an attempt may have reached the provider (and is reconciled, never blindly sent again).
/// </summary>
internal sealed class ScheduledPost : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public Guid ConnectionId { get; init; }
    public required string AppId { get; init; }
    public required string Text { get; init; }
    public string? Link { get; init; }
    public string? ImageUrl { get; init; }
    public DateTimeOffset PublishAt { get; set; }
    public string Status { get; set; } = PostStatus.Scheduled;

    /// <summary>Attempts that claimed the row (each may have reached the provider).</summary>
    public int Attempts { get; set; }

    /// <summary>While <c>publishing</c>: when the claiming worker is presumed gone.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public string? ProviderPostId { get; set; }
    public string? Url { get; set; }

    /// <summary>The provider's message when it failed, or why the last attempt was put off.</summary>
    public string? Error { get; set; }

    /// <summary>Who scheduled it (an admin's or an API key's name).</summary>
    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary><c>scheduled</c> → <c>publishing</c> → <c>published</c> or <c>failed</c> (or back to <c>scheduled</c> when
/// throttled); <c>canceled</c> only from <c>scheduled</c>.</summary>
public static class PostStatus
{
    public const string Scheduled = "scheduled";
    public const string Publishing = "publishing";
    public const string Published = "published";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static readonly IReadOnlyList<string> All = [Scheduled, Publishing, Published, Failed, Canceled];
}
