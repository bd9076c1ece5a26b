using Integrations.Testing;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>The app with a manual clock, its dispatcher on, and plain http to 127.0.0.1 allowed (the test receiver).</summary>
public class DeliveryApp : ClockedSentinelApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sentinel:Outbound:AllowHttp"] = "true",
        ["Sentinel:Outbound:AllowedPrivateHosts:0"] = "127.0.0.1",
        ["Sentinel:Webhooks:AttemptTimeout"] = "00:00:05",
    };
}
