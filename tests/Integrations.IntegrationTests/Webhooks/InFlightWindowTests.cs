using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Integrations.Webhooks.Log;
using Integrations.Webhooks.Subscriptions;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>AIMD: timeouts and dropped connections shrink an endpoint's in-flight window; successes grow it back.</summary>
public sealed class InFlightWindowTests(DeliveryApp app) : IClassFixture<DeliveryApp>, IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async ValueTask InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Window_HalvesOnDroppedConnections_AndGrowsBackToItsMaximumOnSuccesses()
    {
        var healthy = false;
        var (client, subscription) = await SubscribeAsync("drops", _ => healthy ? ReceiverAnswer.Ok : ReceiverAnswer.Dropped);

        await Arrange.PublishAsync(app, subscription.WorkspaceId, "invoice.paid", 8);
        await Arrange.UntilAsync(app, subscription.Id, d => d.Count == 8 && d.All(x => x.Attempts >= 1));

        // Halved once per written batch of attempts: 4 when the eight come back together, less when in several batches.
        var shrunk = await WindowAsync(client, subscription, w => w < 8);
        Assert.InRange(shrunk, 1, 4);

        healthy = true;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        app.Dispatcher().Wake();
        await Arrange.UntilAsync(app, subscription.Id, d => d.All(x => x.Status == DeliveryStatus.Delivered));
        Assert.True(await WindowAsync(client, subscription, _ => true) > shrunk, "Eight successes should have grown the window.");

        await Arrange.PublishAsync(app, subscription.WorkspaceId, "invoice.paid", 60);
        Assert.Equal(8, await WindowAsync(client, subscription, w => w == 8));
    }

    [Fact]
    public async Task Window_Halves_WhenTheReceiverTimesOut()
    {
        var (client, subscription) = await SubscribeAsync("times-out", _ => new ReceiverAnswer(200, TimeSpan.FromSeconds(8)));

        await Arrange.PublishAsync(app, subscription.WorkspaceId, "invoice.paid");

        Assert.Equal(4, await WindowAsync(client, subscription, w => w < 8));
        var attempt = (await Arrange.AttemptsAsync(app, (await Arrange.DeliveriesAsync(app, subscription.Id))[0].Id)).Single();
        Assert.Equal("No response within 5 s.", attempt.Error);
    }

    private async Task<(HttpClient Client, WebhookSubscription Subscription)> SubscribeAsync(string endpoint, Func<int, ReceiverAnswer> script)
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync("webhooks:read");
        var secret = Arrange.Secret();
        var subscription = await Arrange.SubscriptionAsync(app, workspace, receiver.Add(endpoint, [secret], script), ["invoice.paid"], secret,
            throttle: new WebhookThrottle(null, 8));
        return (client, subscription);
    }

    /// <summary>The window the API shows, once <paramref name="done"/> holds for it.</summary>
    private static Task<int> WindowAsync(HttpClient client, WebhookSubscription subscription, Func<int, bool> done) =>
        Poll.UntilAsync(async () =>
            {
                var webhook = await client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{PublicId.Format(IdPrefixes.Webhook, subscription.Id)}");
                return webhook.GetProperty("throttle").GetProperty("in_flight_window").GetInt32();
            },
            done, TimeSpan.FromSeconds(15), window => $"The window stayed at {window}.");
}
