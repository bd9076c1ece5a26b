using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.Apps.Providers.Notion;

/// <summary>Notion's typed property values both ways: a page's value as a plain one (for the mapping), and a plain value
/// as the property value a database's property of that type takes (for <c>create_page</c>).</summary>
internal static class NotionValues
{
    /// <summary>The types a page can be created with; the rest (formula, rollup, created_time…) Notion computes.</summary>
    public static readonly IReadOnlySet<string> Writable = new HashSet<string>(StringComparer.Ordinal)
    {
        "title", "rich_text", "number", "select", "status", "multi_select", "date", "checkbox", "url", "email", "phone_number", "relation",
    };

    public static JsonNode? Plain(JsonElement property)
    {
        var type = NotionPage.Text(property, "type");
        if (type is null || !property.TryGetProperty(type, out var value))
        {
            return null;
        }

        return type switch
        {
            "title" or "rich_text" => JoinedText(value),
            "select" or "status" => value.ValueKind == JsonValueKind.Object ? NotionPage.Text(value, "name") : null,
            "multi_select" => Names(value, "name"),
            "relation" => Names(value, "id"),
            "people" => Names(value, "name"),
            "files" => Names(value, "name"),
            "date" => value.ValueKind == JsonValueKind.Object ? NotionPage.Text(value, "start") : null,
            "formula" => value.ValueKind == JsonValueKind.Object && NotionPage.Text(value, "type") is { } result && value.TryGetProperty(result, out var r)
                ? (result == "date" ? (r.ValueKind == JsonValueKind.Object ? NotionPage.Text(r, "start") : null) : Scalar(r)) : null,
            "unique_id" => value.ValueKind == JsonValueKind.Object && value.TryGetProperty("number", out var number) && number.ValueKind == JsonValueKind.Number
                ? (NotionPage.Text(value, "prefix") is { } prefix ? $"{prefix}-{number.GetRawText()}" : number.GetRawText()) : null,
            "created_by" or "last_edited_by" => value.ValueKind == JsonValueKind.Object ? NotionPage.Text(value, "id") : null,
            "rollup" => value.ValueKind == JsonValueKind.Object && NotionPage.Text(value, "type") is "number" && value.TryGetProperty("number", out var n) ? Scalar(n) : null,
            _ => Scalar(value),
        };
    }

    /// <summary>The property value for a plain <paramref name="value"/>; null when the value does not fit the type.</summary>
    public static JsonNode? Typed(string type, JsonNode? value)
    {
        var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return type switch
        {
            "title" or "rich_text" => text is null ? null : new JsonArray(new JsonObject { ["text"] = new JsonObject { ["content"] = text } }),
            "number" => value is JsonValue n && n.TryGetValue<decimal>(out var number) ? JsonValue.Create(number) : null,
            "select" or "status" => text is null ? null : new JsonObject { ["name"] = text },
            "multi_select" => Items(value, name => new JsonObject { ["name"] = name }),
            "relation" => Items(value, id => new JsonObject { ["id"] = id }),
            "date" => text is null ? null : new JsonObject { ["start"] = text },
            "checkbox" => value is JsonValue b && b.TryGetValue<bool>(out var flag) ? JsonValue.Create(flag) : null,
            "url" or "email" or "phone_number" => text is null ? null : JsonValue.Create(text),
            _ => null,
        };
    }

    private static JsonArray? Items(JsonNode? value, Func<string, JsonObject> item)
    {
        var names = value switch
        {
            JsonArray list => list.Select(i => i is JsonValue x && x.TryGetValue<string>(out var s) ? s : null).ToList(),
            JsonValue one when one.TryGetValue<string>(out var s) => [.. s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
            _ => null,
        };
        return names is null || names.Any(n => n is null) ? null : new JsonArray([.. names.Select(n => (JsonNode)item(n!))]);
    }

    private static JsonValue? JoinedText(JsonElement parts) => parts.ValueKind == JsonValueKind.Array
        ? JsonValue.Create(string.Concat(parts.EnumerateArray().Select(p => NotionPage.Text(p, "plain_text") ?? "")))
        : null;

    private static JsonArray? Names(JsonElement items, string name) => items.ValueKind == JsonValueKind.Array
        ? new JsonArray([.. items.EnumerateArray().Select(i => NotionPage.Text(i, name)).OfType<string>().Select(n => (JsonNode)JsonValue.Create(n))])
        : null;

    private static JsonNode? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => JsonValue.Create(value.GetString()),
        JsonValueKind.Number => JsonValue.Create(value.GetDecimal()),
        JsonValueKind.True or JsonValueKind.False => JsonValue.Create(value.GetBoolean()),
        _ => null,
    };
}
