using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Connectors;

/// <summary>The app with a manual clock and plain http to 127.0.0.1 allowed, where the tests' fake APIs listen.</summary>
public class ConnectorsApp : ClockedSentinelApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => LocalReceiver.Settings;
}
