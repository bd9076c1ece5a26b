using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Automation.Runs;
using Integrations.Automation.Steps;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>The real app with the run executor (manual clock; loopback receivers allowed; a test-only wait step). Each
/// test works in a workspace of its own through a key holding the workflow, CRM and webhook scopes.</summary>
public class AutomationApp : ClockedSentinelApp
{
    public static readonly string[] AllScopes =
        ["workflows:read", "workflows:write", "crm:read", "crm:write", "bulk:write", "webhooks:read", "webhooks:write"];

    protected override IReadOnlyDictionary<string, string?> Settings => LocalReceiver.Settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStepType, WaitStep>());
    }

    public Task<(Guid Workspace, HttpClient Client)> WorkspaceAsync() => this.ClientInNewWorkspaceAsync(AllScopes);

    /// <summary>Moves the clock and tells the executor to look for due runs.</summary>
    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        Services.GetRequiredService<RunExecutor>().Wake();
    }

    public static async Task<string> CreateWorkflowAsync(HttpClient client, JsonObject workflow, CancellationToken ct) =>
        (await PostWorkflowAsync(client, workflow, ct))["id"]!.GetValue<string>();

    /// <summary>Creates the workflow, enabled unless it says otherwise; the created workflow with its signing secret.</summary>
    public static async Task<JsonNode> PostWorkflowAsync(HttpClient client, JsonObject workflow, CancellationToken ct)
    {
        workflow["enabled"] ??= true;
        using var response = await client.PostAsJsonAsync("/api/v1/workflows", workflow, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!;
    }

    public static async Task<string> CreateContactAsync(HttpClient client, object fields, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/records/contact", fields, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    public static async Task<JsonElement> ContactAsync(HttpClient client, string id, CancellationToken ct) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/records/contact/{id}", ct);

    public static async Task<List<JsonElement>> RunsAsync(HttpClient client, string workflowId, CancellationToken ct, string? status = null)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/workflows/{workflowId}/runs?limit=200{(status is null ? "" : "&status=" + status)}", ct);
        return [.. page.GetProperty("data").EnumerateArray()];
    }

    /// <summary>Waits until the workflow's runs satisfy <paramref name="done"/>.</summary>
    public static Task<List<JsonElement>> WaitForRunsAsync(HttpClient client, string workflowId, Func<List<JsonElement>, bool> done, CancellationToken ct) =>
        // Not too often: the API's rate limit counts these reads.
        Poll.UntilAsync(async () => { await Task.Delay(150, ct); return await RunsAsync(client, workflowId, ct); }, done, TimeSpan.FromSeconds(20),
            runs => $"The runs were: {string.Join(", ", runs.Select(r => $"{r.GetProperty("status")} at {r.GetProperty("current_step_id")} (attempts {r.GetProperty("attempts")}) {r.GetProperty("error")}"))}");

    public static async Task<JsonElement> RunAsync(HttpClient client, string runId, CancellationToken ct) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/workflow-runs/{runId}", ct);

    public static string Status(JsonElement run) => run.GetProperty("status").GetString()!;

    /// <summary>The audit entries of one record with <paramref name="action"/> (<c>contact.updated</c>), in any workspace.</summary>
    public static async Task<List<AuditEntry>> AuditAsync(SentinelApp app, string recordId, string action, CancellationToken ct)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AuditEntry>().IgnoreQueryFilters()
            .Where(a => a.ObjectId == recordId && a.Action == action).ToListAsync(ct);
    }
}
