using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.Automation.Definitions;

/// <summary>A JSON node's string, or null when it is absent or of another kind (a number is not text).</summary>
internal static class JsonText
{
    public static string? Of(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
