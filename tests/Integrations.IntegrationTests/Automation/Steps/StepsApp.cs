using System.Text.Json.Nodes;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Automation.Steps;

/// <summary>The real app (manual clock, loopback allowed for the receiver) where step types run for real: each test gets
/// its own workspace with one workflow whose trigger it chooses (<see cref="StepsWorkspace"/>).</summary>
public class StepsApp : ClockedSentinelApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => LocalReceiver.Settings;

    /// <summary>A new workspace with a workflow triggered by <paramref name="trigger"/> (default: contact created).</summary>
    internal Task<StepsWorkspace> WorkspaceAsync(JsonObject? trigger = null) => StepsWorkspace.CreateAsync(this, trigger);
}
