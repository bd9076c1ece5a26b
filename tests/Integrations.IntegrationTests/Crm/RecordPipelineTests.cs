using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.IntegrationTests.Webhooks;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Workspaces;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Crm;

public sealed class RecordPipelineTests(RecordPipelineTests.App app) : IClassFixture<RecordPipelineTests.App>
{
    public sealed class App : SentinelApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Sentinel:Plans:Starter:MaxRecords"] = "3" };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_StoresRecordAuditAndEvents_WhenValid()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();

        var outcome = await pipeline.CreateAsync(RecordTypes.Contact,
            new JsonObject { ["first_name"] = "Ada", ["email"] = "ADA@Example.com", ["custom_fields"] = new JsonObject { ["tier"] = "gold" } }, Ct);

        Assert.True(outcome.Succeeded);
        Assert.Equal(RecordChange.Created, outcome.Change);
        Assert.Equal("ada@example.com", (string?)outcome.Record!["email"]);
        Assert.StartsWith("con_", (string?)outcome.Record["id"], StringComparison.Ordinal);
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var audit = await db.Set<AuditEntry>().SingleAsync(Ct);
        Assert.Equal("contact.created", audit.Action);
        Assert.Equal((string?)outcome.Record["id"], audit.ObjectId);
        Assert.Equal("Test User", audit.ActorName);
        Assert.Contains("\"email\"", audit.Changes, StringComparison.Ordinal);
        var events = await db.Set<StoredEvent>().Select(e => e.Type).ToListAsync(Ct);
        Assert.Equal(["contact.created"], events);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(BulkCopy.MinRows + 20)]
    public async Task EachChange_StoresOneEventRow_OfItsMostSpecificType_WithItsData(int count)
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();
        var created = await pipeline.ApplyAsync(RecordTypes.Contact, Enumerable.Range(0, count)
            .Select(i => new RecordCommand(RecordOperation.Create, null, new JsonObject { ["email"] = $"once{i}@example.com" })).ToList(),
            new RecordBatchOptions(), Ct);
        var ids = created.Outcomes.Select(o => o.Id!.Value).ToList();

        var updated = await pipeline.ApplyAsync(RecordTypes.Contact,
            ids.Select(id => new RecordCommand(RecordOperation.Update, id, new JsonObject { ["first_name"] = "Ada" })).ToList(), new RecordBatchOptions(), Ct);
        var deleted = await pipeline.ApplyAsync(RecordTypes.Contact,
            ids.Select(id => new RecordCommand(RecordOperation.Delete, id, null)).ToList(), new RecordBatchOptions(), Ct);

        Assert.True(created.Succeeded && updated.Succeeded && deleted.Succeeded);
        var events = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().AsNoTracking().ToListAsync(Ct);
        Assert.Equal(3 * count, events.Count);
        Assert.Equal([("contact.created", count), ("contact.updated", count), ("record.deleted", count)],
            events.GroupBy(e => e.Type).Select(g => (g.Key, g.Count())).Order());
        var emails = events.Where(e => e.Type == "contact.created").Select(e => (string?)JsonNode.Parse(e.Data)!["record"]!["email"]).Order();
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"once{i}@example.com").Order(), emails);
        Assert.All(events.Where(e => e.Type == "contact.updated"), e => Assert.Equal("first_name", (string?)JsonNode.Parse(e.Data)!["changed_fields"]![0]));
    }

    [Fact]
    public async Task Batch_StoresNothing_WhenOneRecordIsInvalid()
    {
        await using var scope = app.Scope();
        var workspace = await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();

        var result = await pipeline.ApplyAsync(RecordTypes.Contact,
        [
            Upsert(new JsonObject { ["email"] = "one@example.com" }),
            Upsert(new JsonObject { ["email"] = "bob@" }),
            Upsert(new JsonObject { ["email"] = "three@example.com" }),
        ], new RecordBatchOptions(), Ct);

        Assert.False(result.Succeeded);
        var failure = Assert.Single(result.Outcomes, o => !o.Succeeded);
        Assert.Equal(1, failure.Index);
        Assert.Equal("email", failure.Errors[0].Field);
        Assert.Contains("'bob@' is not a valid email address", failure.Errors[0].Message, StringComparison.Ordinal);
        Assert.All(result.Outcomes, o => Assert.Null(o.Change));
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        Assert.Equal(0, await db.Set<AuditEntry>().CountAsync(Ct));
        Assert.Equal(0, await db.Set<StoredEvent>().CountAsync(Ct));
        Assert.Empty((await scope.ServiceProvider.GetRequiredService<RecordReader>().ListAsync(RecordTypes.Contact, new(), Ct)).Data);
        Assert.Equal(0, (await db.Set<Workspace>().AsNoTracking().SingleAsync(w => w.Id == workspace.Id, Ct)).RecordCount);
    }

    [Fact]
    public async Task Batch_UpsertsByNaturalKey_AndReportsEachChange()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();
        await pipeline.CreateAsync(RecordTypes.Product, new JsonObject { ["name"] = "Widget", ["sku"] = "W-1", ["price"] = 10 }, Ct);

        var result = await pipeline.ApplyAsync(RecordTypes.Product,
        [
            Upsert(new JsonObject { ["name"] = "Widget", ["sku"] = "W-1", ["price"] = "12.50" }),
            Upsert(new JsonObject { ["name"] = "Gadget", ["sku"] = "G-1" }),
            Upsert(new JsonObject { ["name"] = "Gizmo", ["sku"] = "Z-1", ["active"] = "no" }),
        ], new RecordBatchOptions(UpsertBy: "sku"), Ct);

        Assert.True(result.Succeeded, string.Join("; ", result.Outcomes.SelectMany(o => o.Errors).Select(e => e.Message)));
        Assert.Equal([RecordChange.Updated, RecordChange.Created, RecordChange.Created], result.Outcomes.Select(o => o.Change!.Value));
        Assert.Equal(12.50m, (decimal)result.Outcomes[0].Record!["price"]!);
        Assert.False((bool)result.Outcomes[2].Record!["active"]!);
        Assert.True((bool)result.Outcomes[1].Record!["active"]!);
        var listed = await scope.ServiceProvider.GetRequiredService<RecordReader>().ListAsync(RecordTypes.Product, new(), Ct);
        Assert.Equal(3, listed.Data.Count);
    }

    [Fact]
    public async Task Create_RefusesDuplicateEmail_InTableAndInBatch()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();
        await pipeline.CreateAsync(RecordTypes.Contact, new JsonObject { ["email"] = "dup@example.com" }, Ct);

        var again = await pipeline.CreateAsync(RecordTypes.Contact, new JsonObject { ["email"] = "DUP@example.com" }, Ct);
        var batch = await pipeline.ApplyAsync(RecordTypes.Contact,
        [
            new RecordCommand(RecordOperation.Create, null, new JsonObject { ["email"] = "new@example.com" }),
            new RecordCommand(RecordOperation.Create, null, new JsonObject { ["email"] = "new@example.com" }),
        ], new RecordBatchOptions(), Ct);

        Assert.Equal(RecordErrorKind.Conflict, again.ErrorKind);
        Assert.Equal("email", again.Errors[0].Field);
        Assert.Equal(RecordErrorKind.Conflict, batch.Outcomes[1].ErrorKind);
        var listed = await scope.ServiceProvider.GetRequiredService<RecordReader>().ListAsync(RecordTypes.Contact, new(), Ct);
        Assert.Single(listed.Data);
    }

    [Fact]
    public async Task Update_EmitsStageChanged_WhenDealMovesToClosedWon()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();
        var deal = await pipeline.CreateAsync(RecordTypes.Deal, new JsonObject { ["name"] = "Big one", ["amount"] = 5000 }, Ct);
        Assert.Equal("prospecting", (string?)deal.Record!["stage"]);

        var moved = await pipeline.UpdateAsync(RecordTypes.Deal, deal.Id!.Value, new JsonObject { ["stage"] = "Closed Won" }, Ct);
        var unchanged = await pipeline.UpdateAsync(RecordTypes.Deal, deal.Id!.Value, new JsonObject { ["stage"] = "closed_won" }, Ct);

        Assert.Equal(RecordChange.Updated, moved.Change);
        Assert.Equal(RecordChange.Unchanged, unchanged.Change);
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var stageChanged = await db.Set<StoredEvent>().SingleAsync(e => e.Type == "deal.stage_changed", Ct);
        var data = JsonNode.Parse(stageChanged.Data!)!;
        Assert.Equal("prospecting", (string?)data["from_stage"]);
        Assert.Equal("closed_won", (string?)data["to_stage"]);
        Assert.Equal(["deal.created", "deal.stage_changed"], await db.Set<StoredEvent>().OrderBy(e => e.Id).Select(e => e.Type).ToListAsync(Ct));
    }

    [Fact]
    public async Task Create_FailsWithPlanLimit_WhenWorkspaceIsFull()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync(Plan.Starter);
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();
        var first = await pipeline.CreateAsync(RecordTypes.Account, new JsonObject { ["name"] = "A" }, Ct);
        await pipeline.CreateAsync(RecordTypes.Account, new JsonObject { ["name"] = "B" }, Ct);
        await pipeline.CreateAsync(RecordTypes.Contact, new JsonObject { ["last_name"] = "C" }, Ct);

        var over = await pipeline.CreateAsync(RecordTypes.Deal, new JsonObject { ["name"] = "D" }, Ct);
        await pipeline.DeleteAsync(RecordTypes.Account, first.Id!.Value, Ct);
        var afterDelete = await pipeline.CreateAsync(RecordTypes.Deal, new JsonObject { ["name"] = "D" }, Ct);

        Assert.Equal(RecordErrorKind.LimitReached, over.ErrorKind);
        Assert.Contains("Starter plan allows 3 records", over.Errors[0].Message, StringComparison.Ordinal);
        Assert.True(afterDelete.Succeeded);
        // The count is taken after the audit entry and events are written: the refused deal's are taken back.
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action == "deal.created", Ct));
        Assert.Equal(1, await db.Set<StoredEvent>().CountAsync(e => e.Type == "deal.created", Ct));
    }

    [Fact]
    public async Task Batch_RefusedByPlanLimit_InsideCallersTransaction_TakesBackOnlyItsOwnWrites()
    {
        await using var scope = app.Scope();
        var workspace = await scope.ServiceProvider.ActInNewWorkspaceAsync(Plan.Starter);
        var subscription = await Arrange.SubscriptionAsync(app, workspace.Id, new Uri("http://127.0.0.1:9/contacts"),
            ["contact.created", "record.created"], Arrange.Secret());
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var many = Enumerable.Range(0, BulkCopy.MinRows)
            .Select(i => new RecordCommand(RecordOperation.Create, null, new JsonObject { ["email"] = $"many{i}@example.com" }))
            .ToList();

        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            var refused = await pipeline.ApplyAsync(RecordTypes.Contact, many, new RecordBatchOptions(AllOrNothing: false), Ct);
            var one = await pipeline.CreateAsync(RecordTypes.Contact, new JsonObject { ["email"] = "one@example.com" }, Ct);
            await transaction.CommitAsync(Ct);

            Assert.All(refused.Outcomes, o => Assert.Equal(RecordErrorKind.LimitReached, o.ErrorKind));
            Assert.True(one.Succeeded);
        }

        var contacts = (await scope.ServiceProvider.GetRequiredService<RecordReader>().ListAsync(RecordTypes.Contact, new(), Ct)).Data;
        Assert.Equal("one@example.com", (string?)Assert.Single(contacts)["email"]);
        Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(Ct));
        Assert.Equal(["contact.created"], await db.Set<StoredEvent>().Select(e => e.Type).ToListAsync(Ct));
        Assert.Equal(1, (await db.Set<Workspace>().AsNoTracking().SingleAsync(w => w.Id == workspace.Id, Ct)).RecordCount);
        Assert.Equal(["contact.created"], (await Arrange.DeliveriesAsync(app, subscription.Id)).Select(d => d.EventType));
    }

    [Fact]
    public async Task Create_RefusesReference_ToAnotherWorkspacesAccount()
    {
        await using var other = app.Scope();
        await other.ServiceProvider.ActInNewWorkspaceAsync();
        var foreign = await other.ServiceProvider.GetRequiredService<RecordPipeline>()
            .CreateAsync(RecordTypes.Account, new JsonObject { ["name"] = "Theirs", ["domain"] = "https://www.theirs.example/about" }, Ct);
        Assert.Equal("theirs.example", (string?)foreign.Record!["domain"]);
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();

        var outcome = await scope.ServiceProvider.GetRequiredService<RecordPipeline>()
            .CreateAsync(RecordTypes.Contact, new JsonObject { ["email"] = "x@example.com", ["account_id"] = (string?)foreign.Record["id"] }, Ct);
        var reader = scope.ServiceProvider.GetRequiredService<RecordReader>();

        Assert.Equal(RecordErrorKind.Invalid, outcome.ErrorKind);
        Assert.Equal("account_id", outcome.Errors[0].Field);
        Assert.Null(await reader.GetAsync(RecordTypes.Account, foreign.Id!.Value, Ct));
    }

    [Fact]
    public async Task Delete_IsRefused_WhileOtherRecordsPointAtIt()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();
        var account = await pipeline.CreateAsync(RecordTypes.Account, new JsonObject { ["name"] = "Acme" }, Ct);
        var contact = await pipeline.CreateAsync(RecordTypes.Contact,
            new JsonObject { ["last_name"] = "Doe", ["account_id"] = (string?)account.Record!["id"] }, Ct);

        var refused = await pipeline.DeleteAsync(RecordTypes.Account, account.Id!.Value, Ct);
        await pipeline.UpdateAsync(RecordTypes.Contact, contact.Id!.Value, new JsonObject { ["account_id"] = null }, Ct);
        var allowed = await pipeline.DeleteAsync(RecordTypes.Account, account.Id!.Value, Ct);

        Assert.Equal(RecordErrorKind.Conflict, refused.ErrorKind);
        Assert.Contains("still referenced by contacts", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(RecordChange.Deleted, allowed.Change);
    }

    private static RecordCommand Upsert(JsonObject fields) => new(RecordOperation.Upsert, null, fields);
}
