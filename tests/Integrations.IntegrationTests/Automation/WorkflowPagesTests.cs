using System.Net;
using System.Text.Json.Nodes;
using Integrations.Automation.Workflows;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Automation;

/// <summary>The <c>/automation</c> pages over HTTP as the seeded admin: the builder's and the JSON tab's forms save
/// through the API's rules (errors beside their fields, nothing stored), and ids of another workspace are 404.</summary>
public sealed class WorkflowPagesTests(WorkflowPagesTests.App app) : IClassFixture<WorkflowPagesTests.App>
{
    public sealed class App : SentinelApp;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveBuilder_ShowsErrorsBesideTheirFields_AndStoresNothing_WhenTheWorkflowIsInvalid()
    {
        var admin = await app.SignInAsync(Ct);
        var name = "Nameless " + Guid.NewGuid().ToString("N")[..6];

        using var response = await admin.PostFormAsync("/automation/new", "/automation/new?handler=Save", new Dictionary<string, string>
        {
            ["Form.Name"] = "",
            ["Form.TriggerType"] = "record.updated",
            ["Form.Object"] = "spaceship",
            ["Form.Steps[0].Type"] = "update_record",
            ["Form.Steps[0].Id"] = "tag",
            ["Form.Steps[0].Values[fields]"] = "job_title: " + name,
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Matches("data-field=\"name\">[^<]+<", html);
        Assert.Matches("data-field=\"trigger.object\">[^<]+<", html);
        Assert.Contains("The workflow is not saved", html, StringComparison.Ordinal);
        Assert.Contains(name, html, StringComparison.Ordinal);
        Assert.DoesNotContain(name, await admin.GetStringAsync("/automation", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveBuilder_PublishesTheBuiltWorkflow_AndAChangedSaveIsVersionTwo()
    {
        var admin = await app.SignInAsync(Ct);
        var name = "Won deals " + Guid.NewGuid().ToString("N")[..6];
        var fields = new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.TriggerType"] = "deal.stage_changed",
            ["Form.Object"] = "deal",
            ["Form.ConditionMode"] = "became_true",
            ["Form.Conditions[0].Field"] = "stage",
            ["Form.Conditions[0].Op"] = "equals",
            ["Form.Conditions[0].Value"] = "closed_won",
            ["Form.Steps[0].Type"] = "update_record",
            ["Form.Steps[0].Id"] = "rename",
            ["Form.Steps[0].Values[fields]"] = "name: Won {{ record.name }}",
        };

        using var created = await admin.PostFormAsync("/automation/new", "/automation/new?handler=Save", fields, Ct);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/automation/wfl_", page, StringComparison.Ordinal);
        var json = JsonNode.Parse(PageForms.Fields(await admin.GetStringAsync(page + "?view=json", Ct), "json-form")["Json"])!;
        Assert.Equal(name, json["name"]!.GetValue<string>());
        Assert.Equal("became_true", json["trigger"]!["condition_mode"]!.GetValue<string>());
        Assert.Equal("closed_won", json["trigger"]!["conditions"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("Won {{ record.name }}", json["steps"]![0]!["fields"]!["name"]!.GetValue<string>());

        var again = PageForms.Fields(await admin.GetStringAsync(page, Ct), "workflow-form");
        Assert.Equal(("closed_won", "became_true", "name: Won {{ record.name }}"),
            (again["Form.Conditions[0].Value"], again["Form.ConditionMode"], again["Form.Steps[0].Values[fields]"]));
        again["Form.Name"] = name + " renamed";

        using var published = await admin.PostFormAsync(page, page + "?handler=Save", again, Ct);

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("version 2", await admin.GetStringAsync(page, Ct), StringComparison.Ordinal);
        Assert.Contains(name + " renamed", await admin.GetStringAsync("/automation", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveJson_ShowsTheError_AndStoresNothing_WhenTheJsonDoesNotParse()
    {
        var admin = await app.SignInAsync(Ct);
        var name = "Broken " + Guid.NewGuid().ToString("N")[..6];

        using var response = await admin.PostFormAsync("/automation/new?view=json", "/automation/new?handler=SaveJson",
            new Dictionary<string, string> { ["Json"] = $$"""{"name": "{{name}}", "trigger": {"type": "manual"}, "steps": [""" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("data-field=\"json\">Not valid JSON", await response.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain(name, await admin.GetStringAsync("/automation", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveJson_CreatesTheWorkflow_WhenTheJsonIsValid()
    {
        var admin = await app.SignInAsync(Ct);
        var name = "From JSON " + Guid.NewGuid().ToString("N")[..6];
        var json = new JsonObject
        {
            ["name"] = name,
            ["enabled"] = true,
            ["trigger"] = new JsonObject { ["type"] = "record.created", ["object"] = "contact" },
            ["steps"] = new JsonArray(new JsonObject { ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = "VIP" } }),
        };

        using var response = await admin.PostFormAsync("/automation/new?view=json", "/automation/new?handler=SaveJson",
            new Dictionary<string, string> { ["Json"] = json.ToJsonString() }, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await admin.GetStringAsync("/automation", Ct);
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.Contains("When a contact is created", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowPages_Are404_ForAnotherWorkspacesWorkflow()
    {
        string id;
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.ActInNewWorkspaceAsync();
            var (workflow, _) = await scope.ServiceProvider.GetRequiredService<WorkflowStore>().CreateAsync(new JsonObject
            {
                ["name"] = "Theirs",
                ["trigger"] = new JsonObject { ["type"] = "manual" },
                ["steps"] = new JsonArray(),
            }, true, Ct);
            id = $"wfl_{workflow.Id:N}";
        }

        var admin = await app.SignInAsync(Ct);

        using var page = await admin.GetAsync($"/automation/{id}", Ct);
        using var json = await admin.GetAsync($"/automation/{id}?view=json", Ct);
        // The token comes from the builder (the list has no form while this workspace has no workflow).
        using var disable = await admin.PostFormAsync("/automation/new", $"/automation/{id}?handler=Enable&enabled=false", new Dictionary<string, string>(), Ct);
        using var delete = await admin.PostFormAsync("/automation/new", $"/automation/{id}?handler=Delete", new Dictionary<string, string>(), Ct);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            (page.StatusCode, json.StatusCode, disable.StatusCode, delete.StatusCode));
        var workflowId = Guid.ParseExact(id[4..], "N");
        await using var check = app.Scope();
        var theirs = await check.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<Workflow>().IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(w => w.Id == workflowId, Ct);
        Assert.True(theirs.Enabled && theirs.DeletedAt is null, "the other workspace's workflow is untouched");
    }

    [Fact]
    public async Task Delete_TakesTheWorkflowOffTheList()
    {
        var admin = await app.SignInAsync(Ct);
        var name = "Short-lived " + Guid.NewGuid().ToString("N")[..6];
        using var created = await admin.PostFormAsync("/automation/new", "/automation/new?handler=Save", new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.TriggerType"] = "record.created",
            ["Form.Object"] = "contact",
            ["Form.Steps[0].Type"] = "update_record",
            ["Form.Steps[0].Values[fields]"] = "job_title: VIP",
        }, Ct);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.OriginalString;

        using var deleted = await admin.PostFormAsync(page, page + "?handler=Delete", new Dictionary<string, string>(), Ct);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.DoesNotContain(name, await admin.GetStringAsync("/automation", Ct), StringComparison.Ordinal);
        using var gone = await admin.GetAsync(page, Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
