using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Platform.Data;
using Integrations.Testing;
using Integrations.Webhooks.Log;
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

    [Fact]
    public async Task LargeBatch_QueuesOneDeliveryPerEventWithTheEnvelopeOfASingleChange_WhenWrittenWithCopy()
    {
        await using var scope = app.Scope();
        var workspace = await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        db.Add(Subscription(workspace.Id, ["record.created", "contact.created"], SubscriptionStatus.Active));
        await db.SaveChangesAsync(Ct);
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();
        var single = await pipeline.CreateAsync(RecordTypes.Contact, new JsonObject { ["email"] = "single@example.com" }, Ct);
        var commands = Enumerable.Range(0, BulkCopy.MinRows + 50)
            .Select(i => new RecordCommand(RecordOperation.Create, null, new JsonObject { ["email"] = $"bulk{i}@example.com" }))
            .ToList();

        var batch = await pipeline.ApplyAsync(RecordTypes.Contact, commands, new RecordBatchOptions(), Ct);

        Assert.True(batch.Succeeded);
        var deliveries = await db.Set<WebhookDelivery>().AsNoTracking().ToListAsync(Ct);
        var events = await db.Set<Integrations.Platform.Events.StoredEvent>().AsNoTracking().ToDictionaryAsync(e => e.Id, Ct);
        Assert.Equal(2 * (commands.Count + 1), deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(events[d.EventId].Type, d.EventType));
        var bodies = deliveries.Select(d => JsonNode.Parse(d.Body)!).ToList();
        var emails = bodies.Where(b => (string?)b["event"] == "contact.created").Select(b => (string?)b["data"]!["record"]!["email"]).Order();
        Assert.Equal(commands.Select(c => (string?)c.Fields!["email"]).Append("single@example.com").Order(), emails);
        var singleBody = bodies.Single(b => (string?)b["event"] == "record.created" && (string?)b["data"]!["id"] == (string?)single.Record!["id"]);
        var bulkBody = bodies.First(b => (string?)b["event"] == "record.created" && (string?)b["data"]!["id"] != (string?)single.Record!["id"]);
        Assert.Equal(Shape(singleBody), Shape(bulkBody));
    }

    /// <summary>Every property path of a JSON document, in order: what a receiver's parser sees, without the values.</summary>
    private static List<string> Shape(JsonNode node, string path = "") => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [$"{path}.{p.Key}"] : Shape(p.Value, $"{path}.{p.Key}").Prepend($"{path}.{p.Key}")).ToList(),
        _ => [],
    };

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
