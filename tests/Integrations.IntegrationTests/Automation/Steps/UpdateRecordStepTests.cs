using System.Text.Json.Nodes;
using Integrations.Crm.Schema;

namespace Integrations.IntegrationTests.Automation.Steps;

/// <summary><c>update_record</c> over the real pipeline: the record changes, the audit names the workflow, a value the
/// pipeline refuses fails the step with its words.</summary>
public sealed class UpdateRecordStepTests(StepsApp app) : IClassFixture<StepsApp>
{
    [Fact]
    public async Task Run_UpdatesTheTriggeringRecord_AndTheAuditNamesTheWorkflow()
    {
        var workspace = await app.WorkspaceAsync();
        var contact = await workspace.CreateRecordAsync(RecordTypes.Contact, new JsonObject { ["first_name"] = "Ada", ["email"] = "ada@vip.test" });
        var step = new JsonObject { ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = "VIP {{ record.first_name }}" } };

        var outcome = await workspace.RunAsync(step, new JsonObject { ["record"] = contact });

        Assert.Null(outcome.Error);
        Assert.Equal("VIP Ada", (string?)outcome.Output!["job_title"]);
        var stored = await workspace.ReadRecordAsync(RecordTypes.Contact, (string)contact["id"]!);
        Assert.Equal("VIP Ada", (string?)stored!["job_title"]);
        var update = Assert.Single(await workspace.AuditAsync((string)contact["id"]!), a => a.Action.Contains("update", StringComparison.Ordinal));
        Assert.Equal(workspace.WorkflowPublicId, update.ActorId);
        Assert.Contains("job_title", update.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FailsWithThePipelinesMessage_NotRetried_WhenTheValueIsRefused()
    {
        var workspace = await app.WorkspaceAsync(new JsonObject { ["type"] = "record.updated", ["object"] = "deal" });
        var deal = await workspace.CreateRecordAsync(RecordTypes.Deal, new JsonObject { ["name"] = "Big one" });
        var step = new JsonObject { ["type"] = "update_record", ["fields"] = new JsonObject { ["amount"] = "lots of {{ record.name }}" } };

        var outcome = await workspace.RunAsync(step, new JsonObject { ["record"] = deal });

        Assert.Null(outcome.Output);
        Assert.Contains("amount", outcome.Error, StringComparison.Ordinal);
        Assert.False(outcome.Retry);
        Assert.Null((await workspace.ReadRecordAsync(RecordTypes.Deal, (string)deal["id"]!))!["amount"]?.GetValue<decimal?>());
    }

    [Fact]
    public async Task DryRun_SaysWhatItWouldSet_AndChangesNothing()
    {
        var workspace = await app.WorkspaceAsync();
        var contact = await workspace.CreateRecordAsync(RecordTypes.Contact, new JsonObject { ["first_name"] = "Grace" });
        var step = new JsonObject { ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = "Admiral" } };

        var outcome = await workspace.RunAsync(step, new JsonObject { ["record"] = contact }, dryRun: true);

        Assert.Equal("Admiral", (string?)outcome.Output!["would"]!["fields"]!["job_title"]);
        Assert.Null((string?)(await workspace.ReadRecordAsync(RecordTypes.Contact, (string)contact["id"]!))!["job_title"]);
    }
}
