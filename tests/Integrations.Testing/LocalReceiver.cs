namespace Integrations.Testing;

/// <summary>
/// Settings that let webhooks call a receiver on loopback over http, as in local development; only for the test
/// classes that need a local receiver URL accepted (the SSRF guard refuses it otherwise).
/// </summary>
public static class LocalReceiver
{
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Sentinel:Outbound:AllowHttp"] = "true",
        ["Sentinel:Outbound:AllowedPrivateHosts:0"] = "127.0.0.1",
    };
}
