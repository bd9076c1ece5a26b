using Integrations.Platform.Ids;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>
/// Kills the app (a real process) while it delivers and starts it again: every event still reaches every endpoint,
/// at least once. The in-test app only arranges data (its dispatcher is off) on the same database.
/// </summary>
public sealed class CrashTests : IAsyncLifetime
{
    private const int Events = 5000;
    private static readonly string[] Endpoints = ["a", "b", "c"];
    private string connectionString = "";
    private ArrangingApp app = null!;
    private WebhookReceiver receiver = null!;

    public async ValueTask InitializeAsync()
    {
        connectionString = await PostgresServer.CreateDatabaseAsync(nameof(CrashTests));
        app = new ArrangingApp(connectionString);
        await app.InitializeAsync();
        receiver = await WebhookReceiver.StartAsync(keepRequests: false);
    }

    public async ValueTask DisposeAsync()
    {
        await receiver.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Dispatcher_DeliversEveryEventToEveryEndpoint_WhenKilledMidDeliveryAndRestarted()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        foreach (var endpoint in Endpoints)
        {
            var secret = Arrange.Secret();
            await Arrange.SubscriptionAsync(app, workspace, receiver.Add(endpoint, [secret]), ["invoice.paid"], secret);
        }

        var published = await Arrange.PublishAsync(app, workspace, "invoice.paid", Events);
        var expected = Endpoints.SelectMany(e => published.Select(p => $"{e}|{PublicId.Format(IdPrefixes.Event, p.Id)}")).ToHashSet();
        Dictionary<string, string> settings = new()
        {
            ["Sentinel:Outbound:AllowHttp"] = "true",
            ["Sentinel:Outbound:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["Sentinel:Webhooks:LeaseSeconds"] = "3",
            ["Sentinel:Hangfire:Server"] = "false",
        };

        using (var first = AppProcess.Start(connectionString, settings))
        {
            await UntilAsync(() => receiver.Received >= expected.Count / 5 || first.HasExited, TimeSpan.FromSeconds(30));
            Assert.False(first.HasExited, "The app exited before the test killed it:\n" + first.Output);
            first.Kill();
        }

        var beforeRestart = expected.Count(receiver.FirstArrivals.ContainsKey);
        Assert.True(beforeRestart < expected.Count, "Everything arrived before the kill; the test proved nothing.");
        using var second = AppProcess.Start(connectionString, settings);
        await UntilAsync(() => expected.All(receiver.FirstArrivals.ContainsKey), TimeSpan.FromSeconds(40));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{beforeRestart} of {expected.Count} arrived before the kill; {receiver.Received} POSTs in all ({receiver.Received - expected.Count} repeats).");
        Assert.Equal(0, receiver.BadSignatures);
        Assert.True(receiver.Received >= expected.Count);
    }

    private static Task UntilAsync(Func<bool> done, TimeSpan timeout) =>
        Poll.UntilAsync(() => Task.FromResult(done()), d => d, timeout, _ => $"Not done after {timeout}.");
}
