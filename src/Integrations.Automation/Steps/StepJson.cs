using System.Text.Json;
using System.Text.Json.Nodes;

using Integrations.Automation.Definitions;

namespace Integrations.Automation.Steps;

/// <summary>Reading a step's JSON inputs: what is missing or of another kind reads as absent (saving checked it).</summary>
internal static class StepJson
{
    public static string? Text(JsonObject json, string name) => JsonText.Of(json[name]);

    public static bool IsText(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;
}
