using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Platform.Data;
using Integrations.Testing;
using Integrations.Webhooks.Delivery;
using Integrations.Webhooks.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Webhooks;

public sealed class FanOutTests(FanOutTests.App app) : IClassFixture<FanOutTests.App>
{
    /// <summary>Fan-out is under test, not delivery: no dispatcher takes the queued rows.</summary>
    public sealed class App : SentinelApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Sentinel:Webhooks:Dispatcher"] = "false" };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordChange_QueuesOneDeliveryPerSubscribedEndpoint_InItsTransaction()
    {
        await using var scope = app.Scope();
        var workspace = await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var deals = Subscription(workspace.Id, ["deal.stage_changed"], SubscriptionStatus.Active);
        var everything = Subscription(workspace.Id, ["record.created", "record.updated"], SubscriptionStatus.Paused);
        var off = Subscription(workspace.Id, ["record.created"], SubscriptionStatus.Disabled);
        db.AddRange(deals, everything, off);
        await db.SaveChangesAsync(Ct);
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();

        var deal = await pipeline.CreateAsync(RecordTypes.Deal, new JsonObject { ["name"] = "Webhook deal" }, Ct);
        await pipeline.UpdateAsync(RecordTypes.Deal, deal.Id!.Value, new JsonObject { ["stage"] = "Closed Won" }, Ct);
        var failed = await pipeline.CreateAsync(RecordTypes.Deal, new JsonObject { ["amount"] = -1 }, Ct);

        Assert.False(failed.Succeeded);
        var deliveries = await db.Set<WebhookDelivery>().AsNoTracking().OrderBy(d => d.Id).ToListAsync(Ct);
        var queued = deliveries.Select(d => $"{(d.SubscriptionId == deals.Id ? "deals" : "everything")}:{d.EventType}").Order();
        Assert.Equal(["deals:deal.stage_changed", "everything:record.created", "everything:record.updated"], queued);
        var stageChanged = JsonNode.Parse(deliveries.Single(d => d.EventType == "deal.stage_changed").Body)!;
        Assert.StartsWith("evt_", (string?)stageChanged["id"], StringComparison.Ordinal);
        Assert.Equal("deal.stage_changed", (string?)stageChanged["event"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string?)stageChanged["timestamp"]);
        Assert.Equal("closed_won", (string?)stageChanged["data"]!["to_stage"]);
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Pending, d.Status));
    }

    private static WebhookSubscription Subscription(Guid workspace, string[] events, SubscriptionStatus status) => new()
    {
        Id = Guid.CreateVersion7(),
        WorkspaceId = workspace,
        Name = "test",
        Url = "https://receiver.example/hook",
        Events = events,
        Status = status,
        SecretCiphertext = "not-used-here",
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };
}
