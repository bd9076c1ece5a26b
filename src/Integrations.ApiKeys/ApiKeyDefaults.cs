namespace Integrations.ApiKeys;

public static class ApiKeyDefaults
{
    /// <summary>The authentication scheme for <c>Authorization: Bearer sk_…</c>.</summary>
    public const string Scheme = "ApiKey";
}
