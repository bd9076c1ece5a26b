using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Automation.Workflows;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Automation;

/// <summary><c>/api/v1/workflows</c> over HTTP: saving (each refusal naming its field), versions, enabling within the
/// plan's limit, duplicating, deleting, the scopes, and the catalog of step and trigger types.</summary>
public sealed class WorkflowsApiTests(WorkflowsApp app) : IClassFixture<WorkflowsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_Is201Disabled_WithItsSecretOnce_AndAudited()
    {
        var client = await app.WriterAsync();

        using var response = await client.PostAsJsonAsync("/api/v1/workflows", WorkflowsApp.Workflow(), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("wfl_", id, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/workflows/{id}", response.Headers.Location?.ToString());
        Assert.StartsWith("whsec_", created.GetProperty("signing_secret").GetString(), StringComparison.Ordinal);
        Assert.False(created.GetProperty("enabled").GetBoolean());
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal("When a contact is created", created.GetProperty("summary").GetString());
        var fetched = await client.GetFromJsonAsync<JsonElement>($"/api/v1/workflows/{id}", Ct);
        Assert.False(fetched.TryGetProperty("signing_secret", out _));
        Assert.Equal("@vip.test", fetched.GetProperty("trigger").GetProperty("conditions")[0].GetProperty("value").GetString());
        Assert.Equal("Hi {{ record.email }}", fetched.GetProperty("steps")[0].GetProperty("text").GetString());
        await using var scope = app.Scope();
        var audit = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AuditEntry>().IgnoreQueryFilters()
            .Where(e => e.ObjectId == id).Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal(["workflow.created"], audit);
    }

    [Fact]
    public async Task Create_IsEnabled_WhenTheBodySaysSo()
    {
        var client = await app.WriterAsync();

        var created = await WorkflowsApp.CreatedAsync(client, WorkflowsApp.Workflow(enabled: true), Ct);

        Assert.True(created.GetProperty("enabled").GetBoolean());
    }

    [Theory]
    [InlineData("""{"name": "", "trigger": {"type": "manual"}, "steps": [{"type": "test_note", "text": "x"}]}""", "name")]
    [InlineData("""{"name": "A", "trigger": {"type": "record.made", "object": "contact"}, "steps": [{"type": "test_note", "text": "x"}]}""", "trigger.type")]
    [InlineData("""{"name": "A", "trigger": {"type": "record.created", "object": "invoice"}, "steps": [{"type": "test_note", "text": "x"}]}""", "trigger.object")]
    [InlineData("""{"name": "A", "trigger": {"type": "record.created", "object": "contact", "conditions": [{"field": "emali", "op": "equals", "value": "x"}]}, "steps": [{"type": "test_note", "text": "x"}]}""", "trigger.conditions[0].field")]
    [InlineData("""{"name": "A", "trigger": {"type": "schedule", "cron": "every day"}, "steps": [{"type": "test_note", "text": "x"}]}""", "trigger.cron")]
    [InlineData("""{"name": "A", "trigger": {"type": "manual"}, "steps": [{"type": "sing"}]}""", "steps[0].type")]
    [InlineData("""{"name": "A", "trigger": {"type": "manual"}, "steps": [{"type": "test_note", "text": "{{ record.email "}]}""", "steps[0].text")]
    [InlineData("""{"name": "A", "trigger": {"type": "manual"}, "steps": [{"type": "test_note", "text": "{{ steps.later.url }}"}, {"id": "later", "type": "test_note", "text": "x"}]}""", "steps[0].text")]
    [InlineData("""{"name": "A", "trigger": {"type": "manual"}, "steps": [{"type": "test_note", "text": "x"}], "setings": {}}""", "setings")]
    [InlineData("""{"name": "A", "trigger": {"type": "manual"}, "steps": [{"type": "test_note", "text": "x"}], "settings": {"max_runs_per_minute": 0}}""", "settings.max_runs_per_minute")]
    [InlineData("""{"name": "A", "trigger": {"type": "app.event", "event": "slack.message_posted", "connection_id": "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f"}, "steps": [{"type": "test_note", "text": "x"}]}""", "trigger.connection_id")]
    [InlineData("""{"name": "A", "enabled": "yes", "trigger": {"type": "manual"}, "steps": [{"type": "test_note", "text": "x"}]}""", "enabled")]
    [InlineData("""[1, 2]""", "body")]
    [InlineData("""{"name": """, "body")]
    public async Task Create_Is400NamingTheField_WhenTheWorkflowIsWrong(string body, string field)
    {
        var client = await app.WriterAsync();

        using var response = await client.PostAsync("/api/v1/workflows", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await response.AssertInvalidFieldAsync(field);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/workflows", Ct);
        Assert.Equal(0, list.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task List_FiltersByEnabledAndTrigger_NewestFirst_InPages()
    {
        var client = await app.WriterAsync();
        var first = (await WorkflowsApp.CreatedAsync(client, WorkflowsApp.Workflow("one", enabled: true), Ct)).GetProperty("id").GetString()!;
        var second = (await WorkflowsApp.CreatedAsync(client, WorkflowsApp.Workflow("two"), Ct)).GetProperty("id").GetString()!;
        var third = (await WorkflowsApp.CreatedAsync(client, new
        {
            name = "three", trigger = new { type = "schedule", cron = "0 9 * * 1-5", time_zone = "Europe/Berlin" },
            steps = new[] { new { type = "test_note", text = "morning" } },
        }, Ct)).GetProperty("id").GetString()!;

        Assert.Equal([third, second, first], Ids(await client.GetFromJsonAsync<JsonElement>("/api/v1/workflows", Ct)));
        Assert.Equal([first], Ids(await client.GetFromJsonAsync<JsonElement>("/api/v1/workflows?enabled=true", Ct)));
        Assert.Equal([third], Ids(await client.GetFromJsonAsync<JsonElement>("/api/v1/workflows?trigger=schedule", Ct)));
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/workflows?limit=2", Ct);
        Assert.Equal([third, second], Ids(page));
        var next = await client.GetFromJsonAsync<JsonElement>($"/api/v1/workflows?limit=2&cursor={page.GetProperty("next_cursor").GetString()}", Ct);
        Assert.Equal([first], Ids(next));
        using var bad = await client.GetAsync("/api/v1/workflows?trigger=sometimes", Ct);
        await bad.AssertInvalidFieldAsync("trigger");
    }

    [Fact]
    public async Task Put_PublishesANewVersion_AndTheSameJsonPublishesNone()
    {
        var client = await app.WriterAsync();
        var id = (await WorkflowsApp.CreatedAsync(client, WorkflowsApp.Workflow("before"), Ct)).GetProperty("id").GetString();

        using var changed = await client.PutAsJsonAsync($"/api/v1/workflows/{id}", WorkflowsApp.Workflow("after"), Ct);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, (await changed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());
        using var same = await client.PutAsJsonAsync($"/api/v1/workflows/{id}", WorkflowsApp.Workflow("after"), Ct);
        Assert.Equal(2, (await same.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());

        var versions = await client.GetFromJsonAsync<JsonElement>($"/api/v1/workflows/{id}/versions", Ct);
        Assert.Equal(["after", "before"], versions.GetProperty("data").EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        var first = await client.GetFromJsonAsync<JsonElement>($"/api/v1/workflows/{id}/versions/1", Ct);
        Assert.Equal("before", first.GetProperty("definition").GetProperty("name").GetString());
        Assert.False(first.GetProperty("current").GetBoolean());
        using var missing = await client.GetAsync($"/api/v1/workflows/{id}/versions/3", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Put_AcceptsAGetBodyBack_AsTheSameVersion()
    {
        var client = await app.WriterAsync();
        var id = (await WorkflowsApp.CreatedAsync(client, WorkflowsApp.Workflow(), Ct)).GetProperty("id").GetString();
        var body = await client.GetStringAsync($"/api/v1/workflows/{id}", Ct);

        using var response = await client.PutAsync($"/api/v1/workflows/{id}", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal(1, (int)after!["version"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), after));
    }

    [Fact]
    public async Task EnableAndDisable_SwitchTheWorkflow_AndAreAudited()
    {
        var client = await app.WriterAsync();
        var id = (await WorkflowsApp.CreatedAsync(client, WorkflowsApp.Workflow(), Ct)).GetProperty("id").GetString()!;

        using var enabled = await client.PostAsync($"/api/v1/workflows/{id}/enable", null, Ct);
        Assert.True((await enabled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("enabled").GetBoolean());
        using var disabled = await client.PostAsync($"/api/v1/workflows/{id}/disable", null, Ct);
        Assert.False((await disabled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("enabled").GetBoolean());

        await using var scope = app.Scope();
        var audit = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AuditEntry>().IgnoreQueryFilters()
            .Where(e => e.ObjectId == id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal(["workflow.created", "workflow.enabled", "workflow.disabled"], audit);
    }

    [Fact]
    public async Task Duplicate_IsADisabledCopy_WithItsOwnSecret()
    {
        var client = await app.WriterAsync();
        var original = await WorkflowsApp.CreatedAsync(client, WorkflowsApp.Workflow("Welcome", enabled: true), Ct);

        using var response = await client.PostAsync($"/api/v1/workflows/{original.GetProperty("id").GetString()}/duplicate", null, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var copy = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Welcome (copy)", copy.GetProperty("name").GetString());
        Assert.False(copy.GetProperty("enabled").GetBoolean());
        Assert.NotEqual(original.GetProperty("id").GetString(), copy.GetProperty("id").GetString());
        Assert.StartsWith("whsec_", copy.GetProperty("signing_secret").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(original.GetProperty("signing_secret").GetString(), copy.GetProperty("signing_secret").GetString());
        Assert.Equal(original.GetProperty("steps").GetRawText(), copy.GetProperty("steps").GetRawText());
    }

    [Fact]
    public async Task Delete_Is204_ThenTheWorkflowIs404Everywhere()
    {
        var client = await app.WriterAsync();
        var id = (await WorkflowsApp.CreatedAsync(client, WorkflowsApp.Workflow(enabled: true), Ct)).GetProperty("id").GetString();

        using var deleted = await client.DeleteAsync($"/api/v1/workflows/{id}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        foreach (var request in new[]
        {
            new HttpRequestMessage(HttpMethod.Get, $"/api/v1/workflows/{id}"),
            new HttpRequestMessage(HttpMethod.Get, $"/api/v1/workflows/{id}/versions"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/workflows/{id}/enable"),
            new HttpRequestMessage(HttpMethod.Post, $"/api/v1/workflows/{id}/duplicate"),
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/workflows/{id}"),
            new HttpRequestMessage(HttpMethod.Put, $"/api/v1/workflows/{id}") { Content = JsonContent.Create(WorkflowsApp.Workflow()) },
        })
        {
            using var response = await client.SendAsync(request, Ct);
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/workflows", Ct)).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Write_Is403_WithAKeyThatOnlyReads()
    {
        var writer = await app.WriterAsync();
        var (_, reader) = await app.ClientInNewWorkspaceAsync(WorkflowScopes.Read);

        using var create = await reader.PostAsJsonAsync("/api/v1/workflows", WorkflowsApp.Workflow(), Ct);
        var problem = await create.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("workflows:write", problem.GetProperty("required_scope").GetString());
        using var list = await reader.GetAsync("/api/v1/workflows", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var (_, none) = await app.ClientInNewWorkspaceAsync("crm:read");
        using var read = await none.GetAsync("/api/v1/workflows", Ct);
        await read.AssertProblemAsync(HttpStatusCode.Forbidden);
        _ = writer;
    }

    [Fact]
    public async Task Get_Is404_ForAnotherWorkspacesWorkflow()
    {
        var id = (await WorkflowsApp.CreatedAsync(await app.WriterAsync(), WorkflowsApp.Workflow(), Ct)).GetProperty("id").GetString();

        using var response = await (await app.WriterAsync()).GetAsync($"/api/v1/workflows/{id}", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Enable_IsRefusedNamingThePlanAndLimit_WhenTheWorkspaceHasItsEnabledWorkflows()
    {
        var client = await app.WriterAsync();
        for (var i = 0; i < WorkflowsApp.ActiveLimit; i++)
        {
            await WorkflowsApp.CreatedAsync(client, WorkflowsApp.Workflow($"w{i}", enabled: true), Ct);
        }

        var extra = (await WorkflowsApp.CreatedAsync(client, WorkflowsApp.Workflow("extra"), Ct)).GetProperty("id").GetString();

        using var enable = await client.PostAsync($"/api/v1/workflows/{extra}/enable", null, Ct);
        var problem = await enable.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Plan limit reached", problem.GetProperty("title").GetString());
        Assert.Contains($"Growth plan allows {WorkflowsApp.ActiveLimit}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var createEnabled = await client.PostAsJsonAsync("/api/v1/workflows", WorkflowsApp.Workflow("more", enabled: true), Ct);
        await createEnabled.AssertProblemAsync(HttpStatusCode.Forbidden);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/workflows?enabled=true", Ct);
        Assert.Equal(WorkflowsApp.ActiveLimit, list.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Enable_LetsOnlyOnePass_WhenTwoRaceForTheLastPlace()
    {
        var client = await app.WriterAsync();
        for (var i = 0; i < WorkflowsApp.ActiveLimit - 1; i++)
        {
            await WorkflowsApp.CreatedAsync(client, WorkflowsApp.Workflow($"w{i}", enabled: true), Ct);
        }

        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await WorkflowsApp.CreatedAsync(client, WorkflowsApp.Workflow($"r{i}"), Ct)).GetProperty("id").GetString()!);
        }

        var responses = await Task.WhenAll(ids.Select(id => client.PostAsync($"/api/v1/workflows/{id}/enable", null, Ct)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Forbidden));
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/workflows?enabled=true", Ct);
        Assert.Equal(WorkflowsApp.ActiveLimit, list.GetProperty("data").GetArrayLength());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task StepAndTriggerTypes_ListWhatTheBuilderOffers()
    {
        var (_, reader) = await app.ClientInNewWorkspaceAsync(WorkflowScopes.Read);

        var steps = await reader.GetFromJsonAsync<JsonElement>("/api/v1/workflows/step-types", Ct);
        var note = steps.GetProperty("data").EnumerateArray().Single(s => s.GetProperty("type").GetString() == "test_note");
        Assert.Equal("text", note.GetProperty("fields")[0].GetProperty("name").GetString());
        Assert.True(note.GetProperty("safe_to_dry_run").GetBoolean());
        var triggers = await reader.GetFromJsonAsync<JsonElement>("/api/v1/workflows/trigger-types", Ct);
        Assert.Contains("schedule", triggers.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("type").GetString()));
        Assert.Contains("slack.message_posted", triggers.GetProperty("app_events").EnumerateArray().Select(t => t.GetProperty("event").GetString()));
        Assert.Contains("invoice.paid", triggers.GetProperty("platform_events").EnumerateArray().Select(t => t.GetProperty("event").GetString()));
        Assert.DoesNotContain("contact.created", triggers.GetProperty("platform_events").EnumerateArray().Select(t => t.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task Create_ChecksTheRealStepTypes_NamingTheStepsField()
    {
        var client = await app.WriterAsync();
        var workflow = JsonNode.Parse("""
            {"name": "Won deals", "trigger": {"type": "record.updated", "object": "deal", "fields": ["stage"], "condition_mode": "became_true",
              "conditions": [{"field": "stage", "op": "equals", "value": "closed_won"}]},
             "steps": [{"id": "check", "type": "if", "conditions": [{"field": "amount", "op": "greater_than", "value": 1000}],
                        "then": [{"type": "update_record", "fields": {"name": "{{ record.name }} (big)"}}]}]}
            """)!.AsObject();

        await WorkflowsApp.CreatedAsync(client, workflow, Ct);
        workflow["steps"]![0]!["conditions"]![0]!["field"] = "amout";
        workflow["steps"]![0]!["then"]![0]!["fields"] = new JsonObject { ["nmae"] = "x" };
        using var response = await client.PostAsJsonAsync("/api/v1/workflows", workflow, Ct);

        var errors = (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("steps[0].conditions[0].field", out _), errors.GetRawText());
        Assert.True(errors.TryGetProperty("steps[0].then[0].fields.nmae", out _), errors.GetRawText());
    }

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("data").EnumerateArray().Select(w => w.GetProperty("id").GetString()!)];
}
