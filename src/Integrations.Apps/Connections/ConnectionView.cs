using System.Text.Json.Nodes;

namespace Integrations.Apps.Connections;

/// <summary>A connection as the API and the app's page show it; never a token.</summary>
public sealed record ConnectionView(
    string Id,
    string AppId,
    string Account,
    string AccountName,
    string Status,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? ExpiresAt,
    string? LastError,
    DateTimeOffset CreatedAt)
{
    /// <summary>The connection's settings; a secret shows as <c>"set"</c>, never its value.</summary>
    public JsonObject Settings { get; init; } = [];

    /// <summary>Whole days until the token expires when it cannot renew itself (no refresh token, as LinkedIn's member
    /// tokens): 0 on its last day; null when it renews itself or never expires.</summary>
    public int? ExpiresInDays { get; init; }

    /// <summary>The token expired and cannot renew itself: connect the account again.</summary>
    public bool TokenExpired { get; init; }

    /// <summary>Each sync the app offers: where it got to and when it runs next.</summary>
    public IReadOnlyList<SyncView> Syncs { get; init; } = [];
}

/// <summary>A sync of a connection: <c>idle</c>, <c>queued</c> or <c>running</c>; when it last ran and runs next; how
/// many items it stored in all; its last error and when.</summary>
public sealed record SyncView(
    string Id,
    string Status,
    DateTimeOffset? LastStartedAt,
    DateTimeOffset? LastFinishedAt,
    DateTimeOffset? NextRunAt,
    long ItemsSynced,
    string? LastError,
    DateTimeOffset? LastErrorAt);

/// <summary>What disconnecting did: the connection is gone either way; <c>revoked</c> says whether the provider
/// confirmed the revocation (false with <c>revoke_error</c> when it failed, or null when the app has no revoke URL).</summary>
public sealed record DisconnectView(string Id, bool? Revoked, string? RevokeError);
