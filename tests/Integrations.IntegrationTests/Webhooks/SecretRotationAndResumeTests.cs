using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Webhooks.Log;
using Integrations.Webhooks.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Webhooks;

public sealed class SecretRotationAndResumeTests(SecretRotationAndResumeTests.App app) : IClassFixture<SecretRotationAndResumeTests.App>
{
    /// <summary>What the subscription API stores is under test, not delivery: no dispatcher takes the queued rows.</summary>
    public sealed class App : ClockedSentinelApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Sentinel:Webhooks:Dispatcher"] = "false" };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RotateSecret_SignsWithBothFor24Hours_ThenOnlyTheNewOne()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write");
        var created = await client.SubscribeAsync(["invoice.paid"]);
        var oldSecret = created.GetProperty("secret").GetString()!;

        var response = await client.PostAsync($"/api/v1/webhooks/{created.GetProperty("webhook_id").GetString()}/rotate-secret", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newSecret = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", newSecret, StringComparison.Ordinal);
        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal([newSecret, oldSecret], await SigningSecretsAsync(Subscribers.IdOf(created)));
        app.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Equal([newSecret, oldSecret], await SigningSecretsAsync(Subscribers.IdOf(created)));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([newSecret], await SigningSecretsAsync(Subscribers.IdOf(created)));
    }

    [Fact]
    public async Task Resume_ActivatesPausedWebhook_AndMakesPendingDeliveriesDueNow()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write", "webhooks:read");
        var created = await client.SubscribeAsync(["invoice.paid"]);
        var id = Subscribers.IdOf(created);
        var (pending, delivered) = await ArrangePausedWithDeliveriesAsync(id);

        var response = await client.PostAsync($"/api/v1/webhooks/{created.GetProperty("webhook_id").GetString()}/resume", null, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resumed = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("active", resumed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, resumed.GetProperty("status_reason").ValueKind);
        var stored = await app.QueryAsync(db => db.All<WebhookSubscription>().SingleAsync(s => s.Id == id, Ct));
        Assert.Null(stored.FailingSince);
        var deliveries = await app.QueryAsync(db => db.All<WebhookDelivery>().Where(d => d.SubscriptionId == id).ToDictionaryAsync(d => d.Id, Ct));
        Assert.Equal(app.Clock.GetUtcNow(), deliveries[pending].NextAttemptAt);
        Assert.Null(deliveries[delivered].NextAttemptAt);
    }

    [Fact]
    public async Task Test_QueuesOneDeliveryOfTheCatalogExample_ForThatWebhookOnly()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write");
        var target = await client.SubscribeAsync(["document.completed"]);
        var bystander = await client.SubscribeAsync(["document.completed"]);

        var response = await client.PostAsJsonAsync("/api/v1/webhooks/test",
            new { webhook_id = target.GetProperty("webhook_id").GetString(), @event = "document.completed" }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var targetId = Subscribers.IdOf(target);
        var bystanderId = Subscribers.IdOf(bystander);
        var deliveries = await app.QueryAsync(db => db.All<WebhookDelivery>()
            .Where(d => d.SubscriptionId == targetId || d.SubscriptionId == bystanderId).ToListAsync(Ct));
        var delivery = Assert.Single(deliveries);
        Assert.Equal(targetId, delivery.SubscriptionId);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Equal(app.Clock.GetUtcNow(), delivery.NextAttemptAt);
        var body = JsonNode.Parse(delivery.Body)!;
        Assert.Equal(queued.GetProperty("event_id").GetString(), (string?)body["id"]);
        Assert.Equal("document.completed", (string?)body["event"]);
        Assert.True(JsonNode.DeepEquals(EventCatalog.Find("document.completed")!.Example, body["data"]));
    }

    [Fact]
    public async Task Test_Answers400NamingEvent_WhenTypeIsUnknown()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write");
        var target = await client.SubscribeAsync(["document.completed"]);

        var response = await client.PostAsJsonAsync("/api/v1/webhooks/test",
            new { webhook_id = target.GetProperty("webhook_id").GetString(), @event = "document.exploded" }, Ct);

        await response.AssertInvalidFieldAsync("event");
    }

    private async Task<IReadOnlyList<string>> SigningSecretsAsync(Guid id)
    {
        await using var scope = app.Scope();
        var subscription = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().All<WebhookSubscription>().SingleAsync(s => s.Id == id, Ct);
        return scope.ServiceProvider.GetRequiredService<WebhookSecrets>().SigningSecrets(subscription, app.Clock.GetUtcNow());
    }

    private async Task<(Guid Pending, Guid Delivered)> ArrangePausedWithDeliveriesAsync(Guid subscriptionId)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var subscription = await db.Set<WebhookSubscription>().IgnoreQueryFilters().SingleAsync(s => s.Id == subscriptionId, Ct);
        subscription.Status = SubscriptionStatus.Paused;
        subscription.StatusReason = "Failing for 48 hours.";
        subscription.FailingSince = app.Clock.GetUtcNow().AddDays(-2);
        var pending = Delivery(subscription, DeliveryStatus.Pending, app.Clock.GetUtcNow().AddDays(30));
        var delivered = Delivery(subscription, DeliveryStatus.Delivered, null);
        db.AddRange(pending, delivered);
        await db.SaveChangesAsync(Ct);
        return (pending.Id, delivered.Id);
    }

    private WebhookDelivery Delivery(WebhookSubscription subscription, DeliveryStatus status, DateTimeOffset? next) => new()
    {
        Id = Guid.CreateVersion7(),
        WorkspaceId = subscription.WorkspaceId,
        SubscriptionId = subscription.Id,
        EventId = Guid.CreateVersion7(),
        EventType = "invoice.paid",
        Body = "{}",
        Status = status,
        NextAttemptAt = next,
        CreatedAt = app.Clock.GetUtcNow(),
    };
}
