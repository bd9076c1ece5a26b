using Integrations.Testing;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>
/// The app on the real clock (a per-second budget is counted on the database's clock, which a manual clock cannot
/// move), its dispatcher on, the loopback receiver allowed, and a 1 s attempt timeout.
/// </summary>
public class ThrottleApp : SentinelApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(LocalReceiver.Settings)
    {
        ["Sentinel:Webhooks:AttemptTimeout"] = "00:00:01",
    };

    /// <summary>Another instance of the app, with its own dispatcher, on this one's database.</summary>
    public async Task<ThrottleApp> SecondInstanceAsync()
    {
        var second = new SecondInstance(ConnectionString);
        await second.InitializeAsync();
        return second;
    }

    private sealed class SecondInstance(string connectionString) : ThrottleApp
    {
        protected override Task<string> DatabaseAsync() => Task.FromResult(connectionString);
    }
}
