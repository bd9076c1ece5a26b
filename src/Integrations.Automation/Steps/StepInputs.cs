using System.Text.Json.Nodes;
using Integrations.Automation.Templates;

namespace Integrations.Automation.Steps;

/// <summary>
/// Renders a step's templated inputs over the run's data: every string in a JSON value is a template (objects and
/// arrays are walked), numbers, booleans and nulls are kept as they are.
/// </summary>
internal static class StepInputs
{
    public static async ValueTask<JsonNode?> RenderAsync(WorkflowTemplates templates, JsonNode? node, JsonObject data) => node switch
    {
        null => null,
        JsonObject o => await RenderObjectAsync(templates, o, data),
        JsonArray a => await RenderArrayAsync(templates, a, data),
        JsonValue v when StepJson.IsText(v) => JsonValue.Create(await templates.RenderAsync(v.GetValue<string>(), data)),
        _ => node.DeepClone(),
    };

    public static async ValueTask<JsonObject> RenderObjectAsync(WorkflowTemplates templates, JsonObject json, JsonObject data)
    {
        var rendered = new JsonObject();
        foreach (var (name, value) in json)
        {
            rendered[name] = await RenderAsync(templates, value, data);
        }

        return rendered;
    }

    /// <summary>Checks every string inside <paramref name="node"/> as a template, adding errors under its path.</summary>
    public static void CheckTemplates(StepChecks checks, string field, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    CheckTemplates(checks, $"{field}.{name}", value);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    CheckTemplates(checks, $"{field}[{i}]", a[i]);
                }

                break;
            case JsonValue v when StepJson.IsText(v):
                checks.Template(field, v.GetValue<string>());
                break;
        }
    }

    private static async ValueTask<JsonArray> RenderArrayAsync(WorkflowTemplates templates, JsonArray array, JsonObject data)
    {
        var rendered = new JsonArray();
        foreach (var item in array)
        {
            rendered.Add(await RenderAsync(templates, item, data));
        }

        return rendered;
    }
}
