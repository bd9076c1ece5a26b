using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Templates;

namespace Integrations.Automation.Runs;

/// <summary>
/// A step's input as it runs: its JSON with every text rendered over the run's data (what the run history and a test
/// run show). Its id, type, conditions and branches are not inputs.
/// </summary>
internal static class StepInput
{
    private static readonly HashSet<string> NotInput = new(["id", "type", "conditions", "then", "else"], StringComparer.Ordinal);

    public static async Task<JsonObject> RenderAsync(WorkflowTemplates templates, StepDefinition step, JsonObject data)
    {
        var input = new JsonObject();
        foreach (var (name, value) in step.Json)
        {
            if (!NotInput.Contains(name))
            {
                input[name] = await RenderAsync(templates, value, data);
            }
        }

        return input;
    }

    private static async Task<JsonNode?> RenderAsync(WorkflowTemplates templates, JsonNode? node, JsonObject data)
    {
        switch (node)
        {
            case JsonObject o:
                var rendered = new JsonObject();
                foreach (var (name, value) in o)
                {
                    rendered[name] = await RenderAsync(templates, value, data);
                }

                return rendered;
            case JsonArray a:
                var items = new JsonArray();
                foreach (var item in a)
                {
                    items.Add(await RenderAsync(templates, item, data));
                }

                return items;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(await templates.RenderAsync(v.GetValue<string>(), data));
            default:
                return node?.DeepClone();
        }
    }
}
