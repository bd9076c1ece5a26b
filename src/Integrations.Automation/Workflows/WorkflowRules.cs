using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;

namespace Integrations.Automation.Workflows;

// A stand-in until wf-api's WorkflowRules merges (same name, path and signature); take theirs on merge.
internal sealed class WorkflowRules
{
    public static readonly IReadOnlyList<string> DefinitionProperties = ["name", "description", "trigger", "steps", "settings"];

    public Dictionary<string, string[]> Check(JsonObject? json)
    {
        var errors = new Dictionary<string, string[]>();
        if (json?["name"] is not JsonValue name || string.IsNullOrWhiteSpace(name.ToString()))
        {
            errors["name"] = ["A workflow needs a name."];
        }

        var trigger = WorkflowJson.ReadTrigger(json?["trigger"] as JsonObject ?? []);
        if (!TriggerTypes.All.Contains(trigger.Type))
        {
            errors["trigger.type"] = ["Choose what starts the workflow."];
        }

        return errors;
    }
}
