using System.Text.Json.Nodes;
using Integrations.Crm.Schema;

namespace Integrations.IntegrationTests.Automation.Steps;

/// <summary><c>create_record</c>, <c>upsert_record</c> and <c>add_note</c> over the real pipeline.</summary>
public sealed class RecordStepsTests(StepsApp app) : IClassFixture<StepsApp>
{
    [Fact]
    public async Task CreateRecord_CreatesTheRecord_WithRenderedFields_AndOutputsItsId()
    {
        var workspace = await app.WorkspaceAsync();
        var contact = await workspace.CreateRecordAsync(RecordTypes.Contact, new JsonObject { ["first_name"] = "Ada", ["email"] = "ada@acme.test" });
        var step = new JsonObject
        {
            ["type"] = "create_record", ["object"] = "deal",
            ["fields"] = new JsonObject { ["name"] = "Deal for {{ record.first_name }}", ["amount"] = "1200", ["contact_id"] = "{{ record.id }}" },
        };

        var outcome = await workspace.RunAsync(step, new JsonObject { ["record"] = contact });

        Assert.Null(outcome.Error);
        Assert.Equal("deal", (string?)outcome.Output!["object"]);
        var deal = await workspace.ReadRecordAsync(RecordTypes.Deal, (string)outcome.Output["id"]!);
        Assert.Equal(("Deal for Ada", 1200m, (string?)contact["id"]), ((string?)deal!["name"], (decimal)deal["amount"]!, (string?)deal["contact_id"]));
    }

    [Fact]
    public async Task CreateRecord_FailsWithThePipelinesMessage_WhenARequiredFieldIsMissing()
    {
        var workspace = await app.WorkspaceAsync();

        var outcome = await workspace.RunAsync(
            new JsonObject { ["type"] = "create_record", ["object"] = "account", ["fields"] = new JsonObject { ["industry"] = "Retail" } }, []);

        Assert.Contains("name", outcome.Error, StringComparison.Ordinal);
        Assert.False(outcome.Retry);
    }

    [Fact]
    public async Task UpsertRecord_UpdatesTheMatchingRecord_ThenCreatesWhenNoneMatches()
    {
        var workspace = await app.WorkspaceAsync();
        var existing = await workspace.CreateRecordAsync(RecordTypes.Contact, new JsonObject { ["email"] = "grace@navy.test" });
        JsonObject Step(string email) => new()
        {
            ["type"] = "upsert_record", ["object"] = "contact", ["match"] = "email",
            ["fields"] = new JsonObject { ["email"] = email, ["job_title"] = "{{ trigger.title }}" },
        };
        var data = new JsonObject { ["trigger"] = new JsonObject { ["title"] = "Admiral" } };

        var updated = await workspace.RunAsync(Step("GRACE@navy.test"), data);
        var created = await workspace.RunAsync(Step("new@navy.test"), data);

        Assert.Equal(((string?)existing["id"], false), ((string?)updated.Output!["id"], (bool)updated.Output["created"]!));
        Assert.Equal("Admiral", (string?)(await workspace.ReadRecordAsync(RecordTypes.Contact, (string)existing["id"]!))!["job_title"]);
        Assert.True((bool)created.Output!["created"]!);
        Assert.NotEqual((string?)existing["id"], (string?)created.Output["id"]);
        Assert.Equal("new@navy.test", (string?)(await workspace.ReadRecordAsync(RecordTypes.Contact, (string)created.Output["id"]!))!["email"]);
    }

    [Fact]
    public async Task AddNote_AddsANoteActivityOnTheTriggeringRecord_Once_PerIdempotencyKey()
    {
        var workspace = await app.WorkspaceAsync();
        var contact = await workspace.CreateRecordAsync(RecordTypes.Contact, new JsonObject { ["first_name"] = "Ada", ["email"] = "ada@notes.test" });
        var step = new JsonObject { ["type"] = "add_note", ["text"] = "Welcome call booked for {{ record.first_name }}" };
        var data = new JsonObject { ["record"] = contact };

        var outcome = await workspace.RunAsync(step, data, idempotencyKey: "wfr_note.step_1.1");
        var repeated = await workspace.RunAsync(step, data, idempotencyKey: "wfr_note.step_1.1");

        var note = await workspace.ReadRecordAsync(RecordTypes.Activity, (string)outcome.Output!["id"]!);
        Assert.Equal(("note", "Welcome call booked for Ada", (string?)contact["id"]),
            ((string?)note!["kind"], (string?)note["body"], (string?)note["contact_id"]));
        Assert.Equal((string?)outcome.Output["id"], (string?)repeated.Output!["id"]);
        Assert.Null(repeated.Error);
    }

    [Fact]
    public async Task AddNote_GoesOnTheGivenRecord_WhenRecordIsATemplate()
    {
        var workspace = await app.WorkspaceAsync(new JsonObject { ["type"] = "event", ["event"] = "invoice.paid" });
        var deal = await workspace.CreateRecordAsync(RecordTypes.Deal, new JsonObject { ["name"] = "Renewal" });
        var step = new JsonObject { ["type"] = "add_note", ["text"] = "Invoice {{ trigger.invoice }} paid", ["record"] = "{{ trigger.deal }}" };

        var outcome = await workspace.RunAsync(step, new JsonObject { ["trigger"] = new JsonObject { ["invoice"] = "INV-7", ["deal"] = deal["id"]!.DeepClone() } });

        var note = await workspace.ReadRecordAsync(RecordTypes.Activity, (string)outcome.Output!["id"]!);
        Assert.Equal(("Invoice INV-7 paid", (string?)deal["id"]), ((string?)note!["body"], (string?)note["deal_id"]));
    }
}
