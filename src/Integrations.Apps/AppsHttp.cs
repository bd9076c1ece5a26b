namespace Integrations.Apps;

/// <summary>The outbound client (Platform's SSRF guard under it) every call to a provider goes through.</summary>
internal static class AppsHttp
{
    public const string ClientName = "apps";
}
