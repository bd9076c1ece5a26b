using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Crm.Schema;

namespace Integrations.Web.Pages.Records;

/// <summary>
/// A record's fields as a form shows them (one string per field) and back. Forms have no types, so every value
/// goes to the pipeline as text and is parsed there, with the same rules as the API.
/// </summary>
public static class RecordForm
{
    public static Dictionary<string, string?> ValuesOf(RecordType type, JsonObject? record) =>
        type.Fields.ToDictionary(f => f.Name, f => record is null ? DefaultOf(f) : TextOf(f, record[f.Name]));

    /// <summary>
    /// On create an empty box is left out, so the field's default applies; on update it clears the field.
    /// </summary>
    public static JsonObject ToFields(RecordType type, IReadOnlyDictionary<string, string?> values, bool creating)
    {
        var fields = new JsonObject();
        foreach (var field in type.Fields)
        {
            var text = values.GetValueOrDefault(field.Name)?.Trim() ?? "";
            if (text.Length > 0 || !creating)
            {
                fields[field.Name] = text;
            }
        }

        return fields;
    }

    /// <summary>A field's value as its form box shows it: money without the stored trailing zeros (12500.50).</summary>
    public static string? TextOf(RecordField field, JsonNode? node) =>
        field.Kind == FieldKind.Money && node is JsonValue value && value.TryGetValue<decimal>(out var amount)
            ? amount.ToString("0.00##", CultureInfo.InvariantCulture)
            : Text(node);

    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static string? DefaultOf(RecordField field) => field.Default switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };
}
