namespace Integrations.ApiKeys;

public static class ApiKeyDefaults
{
    /// <summary>The authentication scheme for <c>Authorization: Bearer sk_…</c>.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The claim that carries when the calling key expires (round-trip format), when it does.</summary>
    public const string ExpiresAtClaim = "sentinel:key_expires_at";
}
