using System.Globalization;
using Integrations.IntegrationTests.Webhooks;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Integrations.Webhooks.Log;
using Integrations.Webhooks.Subscriptions;

namespace Integrations.IntegrationTests.ScaleOut;

/// <summary>
/// Three app processes on one Postgres and one Redis deliver one backlog to a throttled webhook and to an open one on
/// the same slow receiver: the throttle holds for the three together, while the open webhook shows how much faster
/// they go without it. The in-test app only arranges data.
/// </summary>
public sealed class MultiInstanceThrottleTests : IAsyncLifetime
{
    private const int Instances = 3;
    // One instance has at most this many POSTs under way to one endpoint, so more at once than two instances can have
    // shows all three sending together; and three without a shared count could have 12, more than MaxInFlight.
    private const int PerInstance = 4;
    private const int MaxPerSecond = 20;
    private const int MaxInFlight = 9;
    private const int Events = 300;
    private static readonly ReceiverAnswer Slowly = new(200, TimeSpan.FromMilliseconds(100));
    private List<AppProcess> instances = [];
    private ArrangingApp app = null!;
    private WebhookReceiver receiver = null!;

    public async ValueTask InitializeAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync(nameof(MultiInstanceThrottleTests));
        app = new ArrangingApp(connectionString);
        await app.InitializeAsync();
        receiver = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = await RedisServer.ConnectionStringAsync(),
            ["Sentinel:Outbound:AllowHttp"] = "true",
            ["Sentinel:Outbound:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["Sentinel:Hangfire:Server"] = "false",
            ["Sentinel:Webhooks:MaxConcurrencyPerEndpoint"] = PerInstance.ToString(CultureInfo.InvariantCulture),
        };
        // Three processes starting at once on a small, shared machine can take most of a minute.
        instances = await AppProcess.StartLiveAsync(Instances, connectionString, settings, TimeSpan.FromSeconds(120));
    }

    public async ValueTask DisposeAsync()
    {
        instances.ForEach(i => i.Dispose());
        await receiver.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Throttle_HoldsForThreeInstancesTogether_WhileTheyDeliverAnOpenWebhookFaster()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var throttled = await SubscribeAsync(workspace, "throttled", new WebhookThrottle(MaxPerSecond, MaxInFlight));
        var unthrottled = await SubscribeAsync(workspace, "open", null);

        // All three are running: the publish's NOTIFY wakes them together.
        var published = await Arrange.PublishAsync(app, workspace, "invoice.paid", Events);

        await receiver.WaitForAsync("throttled", r => r.Count >= Events, TimeSpan.FromSeconds(45));
        await Arrange.UntilAsync(app, throttled, d => d.Count == Events && d.All(x => x.Status == DeliveryStatus.Delivered));
        await Arrange.UntilAsync(app, unthrottled, d => d.Count == Events && d.All(x => x.Status == DeliveryStatus.Delivered));
        var ids = published.Select(p => PublicId.Format(IdPrefixes.Event, p.Id)).Order().ToList();
        var slow = receiver.For("throttled");
        var fast = receiver.For("open");
        // The budget is spent per second of the database's clock as deliveries are claimed. Each POST carries the second
        // its instance started it in (webhook-timestamp, on the clock the local database shares), so its way to the
        // receiver cannot carry it into the next second. An instance starts what it claimed after one more round trip,
        // though, so a delivery claimed in the last moments of a second can be stamped in the next one. The dispatchers
        // claim as a second begins, so that happens only after a second whose budget was not spent early, and only for
        // what that second left unused (seen: 13, then 21, as the instances warmed up). Once seconds run full, the limit
        // is exact.
        var started = PerSecond(slow, r => long.Parse(r.Headers["webhook-timestamp"], CultureInfo.InvariantCulture));
        var allowed = started.ToDictionary(s => s.Key, s => MaxPerSecond + Math.Max(0, MaxPerSecond - started.GetValueOrDefault(s.Key - 1)));
        var open = PerSecond(fast, r => r.ArrivedAt.ToUnixTimeSeconds());
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Throttled, started per second: {string.Join(", ", started.Values)}; arrived per second: "
            + $"{string.Join(", ", PerSecond(slow, r => r.ArrivedAt.ToUnixTimeSeconds()).Values)}; most at once: {receiver.MaxConcurrent("throttled")}. "
            + $"Open, arrived per second: {string.Join(", ", open.Values)}; most at once: {receiver.MaxConcurrent("open")}.");

        Assert.Equal(ids, slow.Select(r => r.WebhookId).Order());
        Assert.Equal(ids, fast.Select(r => r.WebhookId).Order());
        Assert.All(started, s => Assert.True(s.Value <= allowed[s.Key], $"{s.Value} started in a second that allowed {allowed[s.Key]}."));
        // Never more than the maximum, and that many only when all three instances were sending to it at once.
        Assert.Equal(MaxInFlight, receiver.MaxConcurrent("throttled"));
        Assert.True(receiver.MaxConcurrent("open") > 2 * PerInstance, "The open webhook never had all three instances sending at once.");
        Assert.True(open.Values.Max() > MaxPerSecond, "The open webhook went no faster than the throttle; the test proved nothing.");
    }

    private async Task<Guid> SubscribeAsync(Guid workspace, string endpoint, WebhookThrottle? throttle)
    {
        var secret = Arrange.Secret();
        var url = receiver.Add(endpoint, [secret], _ => Slowly);
        return (await Arrange.SubscriptionAsync(app, workspace, url, ["invoice.paid"], secret, throttle: throttle)).Id;
    }

    private static SortedDictionary<long, int> PerSecond(IEnumerable<ReceivedWebhook> requests, Func<ReceivedWebhook, long> second) =>
        new(requests.CountBy(second).ToDictionary());
}
