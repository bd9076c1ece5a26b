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
        var updated = JsonNode.Parse(deliveries.Single(d => d.EventType == "record.updated").Body)!;
        Assert.Equal((string?)stageChanged["id"], (string?)updated["id"]);
        Assert.Equal("record.updated", (string?)updated["event"]);
        Assert.Equal(["stage"], updated["data"]!["changed_fields"]!.AsArray().Select(f => (string?)f));
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Pending, d.Status));
    }

    [Fact]
    public async Task RecordChange_ReachesGenericAndPerObjectSubscribersOnce_TypedWithWhatEachSubscribedTo()
    {
        await using var scope = app.Scope();
        var workspace = await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var generic = Subscription(workspace.Id, ["record.created"], SubscriptionStatus.Active);
        var perObject = Subscription(workspace.Id, ["contact.created"], SubscriptionStatus.Active);
        var both = Subscription(workspace.Id, ["record.created", "contact.created"], SubscriptionStatus.Active);
        db.AddRange(generic, perObject, both);
        await db.SaveChangesAsync(Ct);
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();

        var contact = await pipeline.CreateAsync(RecordTypes.Contact, new JsonObject { ["email"] = "three@example.com" }, Ct);
        var account = await pipeline.CreateAsync(RecordTypes.Account, new JsonObject { ["name"] = "Acme" }, Ct);

        var events = await db.Set<Integrations.Platform.Events.StoredEvent>().AsNoTracking().OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal(["contact.created", "account.created"], events.Select(e => e.Type));
        var deliveries = await db.Set<WebhookDelivery>().AsNoTracking().ToListAsync(Ct);
        string Name(Guid subscription) => subscription == generic.Id ? "generic" : subscription == perObject.Id ? "perObject" : "both";
        string Record(WebhookDelivery d) => d.EventId == events[0].Id ? "contact" : "account";
        string[] expected = ["both:contact:contact.created", "both:account:record.created", "generic:contact:record.created",
                             "generic:account:record.created", "perObject:contact:contact.created"];
        Assert.Equal(expected.Order(StringComparer.Ordinal),
            deliveries.Select(d => $"{Name(d.SubscriptionId)}:{Record(d)}:{d.EventType}").Order(StringComparer.Ordinal));
        Assert.All(deliveries, d =>
        {
            var body = JsonNode.Parse(d.Body)!;
            Assert.Equal(d.EventType, (string?)body["event"]);
            Assert.Equal($"evt_{d.EventId:N}", (string?)body["id"]);
            Assert.Equal(Record(d) == "contact" ? (string?)contact.Record!["id"] : (string?)account.Record!["id"], (string?)body["data"]!["id"]);
        });
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
        Assert.Equal(commands.Count + 1, deliveries.Count);
        Assert.Equal(events.Keys.Order(), deliveries.Select(d => d.EventId).Order());
        Assert.All(deliveries, d => Assert.Equal("contact.created", d.EventType));
        var bodies = deliveries.Select(d => JsonNode.Parse(d.Body)!).ToList();
        var emails = bodies.Select(b => (string?)b["data"]!["record"]!["email"]).Order();
        Assert.Equal(commands.Select(c => (string?)c.Fields!["email"]).Append("single@example.com").Order(), emails);
        var singleBody = bodies.Single(b => (string?)b["data"]!["id"] == (string?)single.Record!["id"]);
        var bulkBody = bodies.First(b => (string?)b["data"]!["id"] != (string?)single.Record!["id"]);
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
