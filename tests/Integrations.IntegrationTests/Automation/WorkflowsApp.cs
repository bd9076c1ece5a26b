using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Automation.Steps;
using Integrations.Automation.Workflows;
using Integrations.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Automation;

/// <summary>The app with the <c>test_note</c> step type, and a Growth plan that allows <see cref="ActiveLimit"/> enabled
/// workflows, so the limit is reached in a few calls.</summary>
public class WorkflowsApp : SentinelApp
{
    public const int ActiveLimit = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sentinel:Plans:Growth:ActiveWorkflows"] = ActiveLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStepType, NoteStepType>());
    }

    /// <summary>A client in a workspace of its own whose key reads and writes workflows.</summary>
    public async Task<HttpClient> WriterAsync() => (await this.ClientInNewWorkspaceAsync(WorkflowScopes.Read, WorkflowScopes.Write)).Client;

    public static object Workflow(string name = "VIPs", bool? enabled = null) => new
    {
        name,
        enabled,
        trigger = new
        {
            type = "record.created", @object = "contact",
            conditions = new[] { new { field = "email", op = "ends_with", value = "@vip.test" } },
        },
        steps = new[] { new { id = "note", type = "test_note", text = "Hi {{ record.email }}" } },
    };

    /// <summary>Creates a workflow (201 asserted) and returns its answer.</summary>
    public static async Task<JsonElement> CreatedAsync(HttpClient client, object workflow, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/workflows", workflow, ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }
}
