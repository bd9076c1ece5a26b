using Integrations.Testing;
using Integrations.Webhooks.Log;
using Integrations.Webhooks.Subscriptions;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>A throttled endpoint against a real receiver, with one dispatcher and with two on the same database.</summary>
public sealed class ThrottleDeliveryTests(ThrottleApp app) : IClassFixture<ThrottleApp>, IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async ValueTask InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await receiver.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Dispatchers_StartNoMoreThanMaxPerSecond_AndDeliverEverything(int dispatchers)
    {
        await using var second = dispatchers == 2 ? await app.SecondInstanceAsync() : null;
        var endpoint = $"rate-{dispatchers}";
        var (workspace, subscription) = await SubscribeAsync(endpoint, new WebhookThrottle(5, null));
        // The budget is per second of the database's clock; the receiver shares the machine's clock and a POST arrives
        // milliseconds after its claim. Claims for a throttled endpoint come as a second starts (the dispatcher looks
        // again then), so counting arrivals per whole second counts what each second's budget let through. Only the
        // first claim, woken by the publish, could fall at the end of a second: publish just after one starts.
        await Task.Delay(TimeSpan.FromMilliseconds(1050 - DateTimeOffset.UtcNow.Millisecond), TestContext.Current.CancellationToken);

        await Arrange.PublishAsync(app, workspace, "invoice.paid", 60);

        var requests = await receiver.WaitForAsync(endpoint, r => r.Count >= 60, TimeSpan.FromSeconds(30));
        var perSecond = requests.GroupBy(r => r.ArrivedAt.ToUnixTimeSeconds()).OrderBy(g => g.Key).Select(g => g.Count()).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"Arrivals per second: {string.Join(", ", perSecond)}");
        Assert.All(perSecond, count => Assert.InRange(count, 1, 5));
        Assert.Equal(60, requests.Select(r => r.WebhookId).Distinct().Count());
        await Arrange.UntilAsync(app, subscription, d => d.Count == 60 && d.All(x => x.Status == DeliveryStatus.Delivered));
    }

    [Fact]
    public async Task TwoDispatchers_NeverHaveMoreThanMaxInFlight_AtOneEndpoint()
    {
        await using var second = await app.SecondInstanceAsync();
        var (workspace, subscription) = await SubscribeAsync("narrow", new WebhookThrottle(null, 3),
            _ => new ReceiverAnswer(200, TimeSpan.FromMilliseconds(250)));

        await Arrange.PublishAsync(app, workspace, "invoice.paid", 40);

        await receiver.WaitForAsync("narrow", r => r.Count >= 40, TimeSpan.FromSeconds(30));
        Assert.Equal(3, receiver.MaxConcurrent("narrow"));
        await Arrange.UntilAsync(app, subscription, d => d.Count == 40 && d.All(x => x.Status == DeliveryStatus.Delivered));
    }

    [Fact]
    public async Task OpenEndpoint_KeepsItsPace_BesideAThrottledOne()
    {
        var (workspace, _) = await SubscribeAsync("slow-lane", new WebhookThrottle(1, 1));
        var secret = Arrange.Secret();
        await Arrange.SubscriptionAsync(app, workspace, receiver.Add("open", [secret]), ["invoice.paid"], secret);

        await Arrange.PublishAsync(app, workspace, "invoice.paid", 200);

        await receiver.WaitForAsync("open", r => r.Count >= 200, TimeSpan.FromSeconds(5));
        Assert.InRange(receiver.For("slow-lane").Count, 1, 6);
    }

    private async Task<(Guid Workspace, Guid Subscription)> SubscribeAsync(string endpoint, WebhookThrottle throttle,
        Func<int, ReceiverAnswer>? script = null)
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var secret = Arrange.Secret();
        var subscription = await Arrange.SubscriptionAsync(app, workspace, receiver.Add(endpoint, [secret], script), ["invoice.paid"], secret,
            throttle: throttle);
        return (workspace, subscription.Id);
    }
}
