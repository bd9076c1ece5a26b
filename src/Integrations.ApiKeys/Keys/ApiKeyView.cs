namespace Integrations.ApiKeys.Keys;

public enum ApiKeyStatus
{
    Active,
    Expired,
    Revoked,
}

/// <summary>A key as the page and the API show it: masked, never the secret or its hash.</summary>
public sealed record ApiKeyView(
    string Id,
    string Name,
    string MaskedKey,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    ApiKeyStatus Status,
    DateTimeOffset? PreviousSecretExpiresAt = null);

/// <summary>A new key and its secret, which is shown this once and never stored.</summary>
public sealed record IssuedApiKey(string Key, ApiKeyView ApiKey);
