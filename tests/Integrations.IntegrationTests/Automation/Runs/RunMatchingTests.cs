using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>Matching in the record pipeline's transaction: one run per matching record however it was made, and the
/// guards (own changes, loops).</summary>
public sealed class RunMatchingTests(AutomationApp app) : IClassFixture<AutomationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject VipWorkflow(string name) => new()
    {
        ["name"] = name,
        ["trigger"] = new JsonObject
        {
            ["type"] = "record.created", ["object"] = "contact",
            ["conditions"] = new JsonArray(new JsonObject { ["field"] = "email", ["op"] = "ends_with", ["value"] = "@vip.test" }),
        },
        ["steps"] = new JsonArray(new JsonObject { ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = "VIP {{ record.first_name }}" } }),
    };

    [Fact]
    public async Task ApiCreate_StartsOneRunPerMatchingRecord_AndTheRunUpdatesItAsTheWorkflow()
    {
        var (_, client) = await app.WorkspaceAsync();
        var workflow = await AutomationApp.CreateWorkflowAsync(client, VipWorkflow("Welcome VIPs"), Ct);

        var vip = await AutomationApp.CreateContactAsync(client, new { first_name = "Ada", email = "ada@vip.test" }, Ct);
        var other = await AutomationApp.CreateContactAsync(client, new { first_name = "Bo", email = "bo@plain.test" }, Ct);

        var runs = await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 1 && AutomationApp.Status(r[0]) == "succeeded", Ct);
        Assert.Equal(vip, runs[0].GetProperty("record_id").GetString());
        Assert.Equal("VIP Ada", (await AutomationApp.ContactAsync(client, vip, Ct)).GetProperty("job_title").GetString());
        Assert.NotEqual("VIP Bo", (await AutomationApp.ContactAsync(client, other, Ct)).GetProperty("job_title").ToString());
        var audit = await AutomationApp.AuditAsync(app, vip, "contact.updated", Ct);
        Assert.Equal("workflow Welcome VIPs", Assert.Single(audit).ActorName);
    }

    [Fact]
    public async Task BulkCall_StartsExactlyOneRunPerMatchingRecord()
    {
        var (_, client) = await app.WorkspaceAsync();
        var workflow = await AutomationApp.CreateWorkflowAsync(client, VipWorkflow("Bulk VIPs"), Ct);
        var records = new JsonArray();
        for (var i = 0; i < 150; i++)
        {
            records.Add(new JsonObject { ["first_name"] = $"P{i}", ["email"] = i % 3 == 0 ? $"p{i}@vip.test" : $"p{i}@plain.test" });
        }

        using var response = await client.PostAsJsonAsync("/api/v1/records/contact/bulk", new JsonObject { ["records"] = records }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var runs = await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 50 && r.All(x => AutomationApp.Status(x) == "succeeded"), Ct);
        Assert.Equal(50, runs.Select(r => r.GetProperty("record_id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task SelfUpdatingWorkflow_RunsOnce_WhenItDoesNotOptInToItsOwnChanges()
    {
        var (_, client) = await app.WorkspaceAsync();
        var contact = await AutomationApp.CreateContactAsync(client, new { first_name = "Cy", email = "cy@plain.test" }, Ct);
        var workflow = await AutomationApp.CreateWorkflowAsync(client, SelfUpdating("Stamp edits", optIn: false), Ct);

        using var patch = await client.PatchAsJsonAsync($"/api/v1/records/contact/{contact}", new { last_name = "Dee" }, Ct);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 1 && AutomationApp.Status(r[0]) == "succeeded", Ct);
        await Task.Delay(500, Ct);
        Assert.Single(await AutomationApp.RunsAsync(client, workflow, Ct));
        Assert.Equal("x", (await AutomationApp.ContactAsync(client, contact, Ct)).GetProperty("job_title").GetString());
    }

    [Fact]
    public async Task SelfUpdatingWorkflow_StopsAtDepthFive_WhenItTriggersOnItsOwnChanges()
    {
        var (_, client) = await app.WorkspaceAsync();
        var contact = await AutomationApp.CreateContactAsync(client, new { first_name = "Di", email = "di@plain.test" }, Ct);
        var workflow = await AutomationApp.CreateWorkflowAsync(client, SelfUpdating("Loop", optIn: true), Ct);

        using var patch = await client.PatchAsJsonAsync($"/api/v1/records/contact/{contact}", new { last_name = "Eve" }, Ct);

        var runs = await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Any(x => AutomationApp.Status(x) == "stopped"), Ct);
        var stopped = Assert.Single(runs, r => AutomationApp.Status(r) == "stopped");
        Assert.Equal(5, stopped.GetProperty("depth").GetInt32());
        Assert.StartsWith("Loop stopped:", stopped.GetProperty("error").GetString(), StringComparison.Ordinal);
        await using (var scope = app.Scope())
        {
            var stoppedId = stopped.GetProperty("id").GetString();
            var events = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
                .Where(e => e.Type == "workflow.run.stopped").ToListAsync(Ct);
            Assert.Contains(events, e => e.Data != null && e.Data.Contains(stoppedId!, StringComparison.Ordinal));
        }

        runs = await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count(x => AutomationApp.Status(x) == "succeeded") == 5, Ct);
        Assert.Equal([0, 1, 2, 3, 4, 5], runs.Select(r => r.GetProperty("depth").GetInt32()).Order());
        Assert.Equal("xxxxx", (await AutomationApp.ContactAsync(client, contact, Ct)).GetProperty("job_title").GetString());
    }

    [Fact]
    public async Task DealStageChange_StartsItsRecordUpdatedAndStageChangedWorkflowsOnceEach()
    {
        var (_, client) = await app.WorkspaceAsync();
        var updated = await AutomationApp.CreateWorkflowAsync(client, Waiting("Deal edits", new JsonObject { ["type"] = "record.updated", ["object"] = "deal" }), Ct);
        var staged = await AutomationApp.CreateWorkflowAsync(client, Waiting("Deal stages", new JsonObject { ["type"] = "deal.stage_changed", ["object"] = "deal" }), Ct);
        var created = await AutomationApp.CreateWorkflowAsync(client, Waiting("New deals", new JsonObject { ["type"] = "record.created", ["object"] = "deal" }), Ct);
        using var create = await client.PostAsJsonAsync("/api/v1/records/deal", new { name = "Renewal" }, Ct);
        var deal = (await create.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();

        using var stage = await client.PatchAsJsonAsync($"/api/v1/records/deal/{deal}", new { stage = "closed_won" }, Ct);
        using var amount = await client.PatchAsJsonAsync($"/api/v1/records/deal/{deal}", new { amount = 10 }, Ct);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK), (create.StatusCode, stage.StatusCode, amount.StatusCode));
        Assert.Single(await AutomationApp.RunsAsync(client, created, Ct));
        Assert.Equal(2, (await AutomationApp.RunsAsync(client, updated, Ct)).Count);
        var stageRun = Assert.Single(await AutomationApp.RunsAsync(client, staged, Ct));
        var full = await AutomationApp.RunAsync(client, stageRun.GetProperty("id").GetString()!, Ct);
        Assert.Equal("closed_won", full.GetProperty("trigger_data").GetProperty("to_stage").GetString());
    }

    /// <summary>A workflow whose one step waits: its runs are counted, not finished.</summary>
    private static JsonObject Waiting(string name, JsonObject trigger) => new()
    {
        ["name"] = name,
        ["trigger"] = trigger,
        ["steps"] = new JsonArray(new JsonObject { ["type"] = "delay", ["duration"] = "PT15M" }),
    };

    private static JsonObject SelfUpdating(string name, bool optIn) => new()
    {
        ["name"] = name,
        ["trigger"] = new JsonObject { ["type"] = "record.updated", ["object"] = "contact" },
        ["settings"] = new JsonObject { ["trigger_on_own_changes"] = optIn },
        ["steps"] = new JsonArray(new JsonObject { ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = "{{ record.job_title }}x" } }),
    };
}
