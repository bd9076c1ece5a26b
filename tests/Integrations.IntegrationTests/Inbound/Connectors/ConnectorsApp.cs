using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Connectors;

/// <summary>The app with a manual clock and plain http to 127.0.0.1 allowed, where the tests' fake APIs listen.</summary>
public class ConnectorsApp : ClockedSentinelApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => LocalReceiver.Settings;
}

/// <summary>Another instance of the app on an existing app's database, as after a restart.</summary>
public sealed class RestartedConnectorsApp(string connectionString) : ConnectorsApp
{
    protected override Task<string> DatabaseAsync() => Task.FromResult(connectionString);
}
