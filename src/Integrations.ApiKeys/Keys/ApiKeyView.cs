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

/// <summary>What rolling a key did: the new secret, or why not (<see cref="Refusal"/>), or no such key.</summary>
public sealed record KeyRoll(IssuedApiKey? Issued, string? Refusal)
{
    public static KeyRoll NotFound { get; } = new(null, null);

    public static KeyRoll Refused(string why) => new(null, why);

    public static KeyRoll Rolled(IssuedApiKey issued) => new(issued, null);
}
