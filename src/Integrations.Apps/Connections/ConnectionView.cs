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
    DateTimeOffset CreatedAt);

/// <summary>What disconnecting did: the connection is gone either way; <c>revoked</c> says whether the provider
/// confirmed the revocation (false with <c>revoke_error</c> when it failed, or null when the app has no revoke URL).</summary>
public sealed record DisconnectView(string Id, bool? Revoked, string? RevokeError);
