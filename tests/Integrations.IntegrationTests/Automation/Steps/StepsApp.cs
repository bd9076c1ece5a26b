using System.Text.Json.Nodes;
using Integrations.Automation.Workflows;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Automation.Steps;

/// <summary>The real app (manual clock, loopback allowed for the receiver) where step types run for real: each test gets
/// its own workspace with one workflow whose trigger it chooses (<see cref="StepsWorkspace"/>).</summary>
public class StepsApp : ClockedSentinelApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => LocalReceiver.Settings;

    /// <summary>A new workspace with a workflow triggered by <paramref name="trigger"/> (default: contact created).</summary>
    internal async Task<StepsWorkspace> WorkspaceAsync(JsonObject? trigger = null)
    {
        await using var scope = Scope();
        var workspace = await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var json = new JsonObject
        {
            ["name"] = "Steps under test",
            ["trigger"] = trigger ?? new JsonObject { ["type"] = "record.created", ["object"] = "contact" },
            ["steps"] = new JsonArray(),
        };
        var (workflow, secret) = await scope.ServiceProvider.GetRequiredService<WorkflowStore>().CreateAsync(json, enabled: true, CancellationToken.None);
        return new StepsWorkspace(this, workspace.Id, workflow.Id, secret);
    }
}
