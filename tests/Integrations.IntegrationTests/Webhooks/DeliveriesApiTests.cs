using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Integrations.Webhooks.Jobs;
using Integrations.Webhooks.Log;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Webhooks;

public sealed class DeliveriesApiTests(DeliveryApp app) : IClassFixture<DeliveryApp>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private WebhookReceiver receiver = null!;

    public async ValueTask InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Deliveries_ListNewestFirstAndShowAttempts_WhenRead()
    {
        var (workspace, subscriptionId, _) = await EndpointAsync("log", _ => new ReceiverAnswer(500));
        var client = app.Client((await Keys.IssueAsync(app, ["webhooks:read"], workspace)).Key);
        await Arrange.PublishAsync(app, workspace, "invoice.paid", 3);
        await Arrange.UntilAsync(app, subscriptionId, d => d.All(x => x.Attempts == 1));
        var webhookId = PublicId.Format(IdPrefixes.Webhook, subscriptionId);

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{webhookId}/deliveries?limit=2", Ct);

        var data = page.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, data.Count);
        Assert.True(page.GetProperty("has_more").GetBoolean());
        Assert.True(string.CompareOrdinal(data[0].GetProperty("id").GetString(), data[1].GetProperty("id").GetString()) > 0);
        Assert.Equal("pending", data[0].GetProperty("status").GetString());
        Assert.Equal(500, data[0].GetProperty("last_status_code").GetInt32());
        Assert.StartsWith("evt_", data[0].GetProperty("event_id").GetString(), StringComparison.Ordinal);
        var rest = await client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/webhooks/{webhookId}/deliveries?cursor={page.GetProperty("next_cursor").GetString()}", Ct);
        Assert.Single(rest.GetProperty("data").EnumerateArray());
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/deliveries/{data[0].GetProperty("id").GetString()}", Ct);
        var attempt = detail.GetProperty("attempts").EnumerateArray().Single();
        Assert.Equal(500, attempt.GetProperty("status_code").GetInt32());
        Assert.StartsWith("v1,", attempt.GetProperty("request_headers").GetProperty("webhook-signature").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await client.PostAsync($"/api/v1/deliveries/{data[0].GetProperty("id").GetString()}/retry", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Retry_MakesFailedDeliveryDueNow_KeepingAttempts()
    {
        var (workspace, subscriptionId, _) = await EndpointAsync("retry", call => new ReceiverAnswer(call == 1 ? 500 : 200));
        var client = app.Client((await Keys.IssueAsync(app, ["webhooks:write"], workspace)).Key);
        await Arrange.PublishAsync(app, workspace, "invoice.paid");
        var delivery = (await Arrange.UntilAsync(app, subscriptionId, d => d.Single().Attempts == 1)).Single();

        var response = await client.PostAsync($"/api/v1/deliveries/{PublicId.Format(IdPrefixes.Delivery, delivery.Id)}/retry", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivered = (await Arrange.UntilAsync(app, subscriptionId, d => d.Single().Status == DeliveryStatus.Delivered)).Single();
        Assert.Equal(2, delivered.Attempts);
        var again = await client.PostAsync($"/api/v1/deliveries/{PublicId.Format(IdPrefixes.Delivery, delivery.Id)}/retry", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Replay_ResendsEventsSinceTimeWithSameWebhookId()
    {
        var (workspace, subscriptionId, _) = await EndpointAsync("replay", _ => ReceiverAnswer.Ok);
        var client = app.Client((await Keys.IssueAsync(app, ["webhooks:write"], workspace)).Key);
        var since = app.Clock.GetUtcNow();
        await Arrange.PublishAsync(app, workspace, "invoice.paid", 2);
        await receiver.WaitForAsync("replay", r => r.Count == 2);

        var response = await client.PostAsync(
            $"/api/v1/webhooks/{PublicId.Format(IdPrefixes.Webhook, subscriptionId)}/replay?since={Uri.EscapeDataString(since.ToString("O"))}", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, body.GetProperty("events").GetInt32());
        // Tests run no Hangfire server: run the job the API enqueued the way the server would.
        await using (var scope = app.Scope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<ReplayJob>().RunAsync(subscriptionId, since, Ct));
        }

        var requests = await receiver.WaitForAsync("replay", r => r.Count == 4);
        Assert.All(requests.GroupBy(r => r.WebhookId), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task Replay_AnswersValidationProblem_WhenSinceMissing()
    {
        var (workspace, subscriptionId, _) = await EndpointAsync("nosince", _ => ReceiverAnswer.Ok);
        var client = app.Client((await Keys.IssueAsync(app, ["webhooks:write"], workspace)).Key);

        var response = await client.PostAsync($"/api/v1/webhooks/{PublicId.Format(IdPrefixes.Webhook, subscriptionId)}/replay", null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("since", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliveries_AnswerNotFound_ForAnotherWorkspacesEndpoint()
    {
        var (_, subscriptionId, _) = await EndpointAsync("elsewhere", _ => ReceiverAnswer.Ok);
        var client = app.Client((await Keys.IssueAsync(app, ["webhooks:read"], await Arrange.WorkspaceAsync(app))).Key);

        var response = await client.GetAsync($"/api/v1/webhooks/{PublicId.Format(IdPrefixes.Webhook, subscriptionId)}/deliveries", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(Guid Workspace, Guid SubscriptionId, string Secret)> EndpointAsync(string name, Func<int, ReceiverAnswer> script)
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var secret = Arrange.Secret();
        var subscription = await Arrange.SubscriptionAsync(app, workspace, receiver.Add(name, [secret], script), ["invoice.paid"], secret);
        return (workspace, subscription.Id, secret);
    }
}
