using System.Text.Json.Nodes;

namespace Integrations.Automation.Workflows;

/// <summary>What a change to a workflow came to: its view, or the errors by JSON path, or the plan's refusal; or, with
/// none of them, no such workflow.</summary>
internal sealed record WorkflowOutcome(JsonObject? View, Dictionary<string, string[]>? Errors = null, string? LimitRefusal = null)
{
    public static readonly WorkflowOutcome NotFound = new((JsonObject?)null);

    public static WorkflowOutcome Invalid(Dictionary<string, string[]> errors) => new(null, errors);

    public static WorkflowOutcome Refused(string message) => new(null, null, message);
}
