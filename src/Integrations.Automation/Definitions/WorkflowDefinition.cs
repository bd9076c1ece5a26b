using System.Text.Json.Nodes;

namespace Integrations.Automation.Definitions;

/// <summary>
/// A workflow as its JSON says it (what <c>workflow_versions.definition</c> stores): a name, one trigger, the steps in
/// order, and its guards. Read from JSON that was checked when it was saved; <see cref="Json"/> is that JSON.
/// </summary>
internal sealed record WorkflowDefinition(
    string Name,
    TriggerDefinition Trigger,
    IReadOnlyList<StepDefinition> Steps,
    WorkflowGuards Guards,
    JsonObject Json);
