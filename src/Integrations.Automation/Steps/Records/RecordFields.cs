using System.Text.Json.Nodes;
using Integrations.Automation.Templates;
using Integrations.Crm.Schema;

namespace Integrations.Automation.Steps.Records;

/// <summary>
/// A record step's <c>fields</c>: record field names (or <c>custom_fields.{name}</c>) to values, strings being templates.
/// Rendered values go to the record pipeline as text, which parses them as the field's kind (as it does a form's).
/// </summary>
internal static class RecordFields
{
    private const string CustomPrefix = "custom_fields.";

    public static void Check(StepChecks checks, RecordType type, JsonNode? fields, string at = "fields", bool required = true)
    {
        if (fields is null && !required)
        {
            return;
        }

        if (fields is not JsonObject given || (required && given.Count == 0))
        {
            checks.Add(at, $"{at} must be an object of {type.Name} field names to values.");
            return;
        }

        foreach (var (name, value) in given)
        {
            if (type.Field(name) is null && !(name.StartsWith(CustomPrefix, StringComparison.Ordinal) && name.Length > CustomPrefix.Length))
            {
                checks.Add($"{at}.{name}", $"A {type.Name} has no field '{name}'. Fields: {string.Join(", ", type.Fields.Select(f => f.Name))}, custom_fields.{{name}}.");
                continue;
            }

            if (value is JsonObject or JsonArray && type.Field(name)?.Kind != FieldKind.Participants)
            {
                checks.Add($"{at}.{name}", $"{name} must be a single value or a template.");
                continue;
            }

            StepInputs.CheckTemplates(checks, $"{at}.{name}", value);
        }
    }

    /// <summary>The fields rendered over the run's data, in the pipeline's shape (custom fields under <c>custom_fields</c>).</summary>
    public static async Task<JsonObject> RenderAsync(WorkflowTemplates templates, JsonObject? fields, JsonObject data)
    {
        var rendered = new JsonObject();
        foreach (var (name, value) in fields ?? [])
        {
            var result = await StepInputs.RenderAsync(templates, value, data);
            if (name.StartsWith(CustomPrefix, StringComparison.Ordinal))
            {
                if (rendered["custom_fields"] is not JsonObject custom)
                {
                    custom = [];
                    rendered["custom_fields"] = custom;
                }

                custom[name[CustomPrefix.Length..]] = result;
            }
            else
            {
                rendered[name] = result;
            }
        }

        return rendered;
    }
}
