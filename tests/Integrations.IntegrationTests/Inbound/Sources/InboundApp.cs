using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Sources;

/// <summary>The app with a manual clock (signature tolerances) and a loopback receiver allowed for outbound webhooks.</summary>
public class InboundApp : ClockedSentinelApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => LocalReceiver.Settings;
}
