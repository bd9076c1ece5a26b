using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.Apps.Providers.Notion;

/// <summary>
/// A Notion page as the mapping reads it: <c>id</c>, <c>url</c>, <c>created_time</c>, <c>last_edited_time</c>,
/// <c>database_id</c> (its parent database, if any) and <c>properties</c> by name, each reduced to a plain value (a
/// title or text to its plain text, a select or status to its name, a multi-select to its names, a date to its start,
/// a formula to its result…), so a mapping says <c>$.properties.Email</c> or <c>$.properties['Full name']</c>.
/// </summary>
internal sealed record NotionPage(string Id, DateTimeOffset LastEditedTime, string? DatabaseId, bool Archived, JsonObject Document)
{
    public static NotionPage? Parse(JsonElement page)
    {
        if (page.ValueKind != JsonValueKind.Object || Text(page, "id") is not { } id
            || !DateTimeOffset.TryParse(Text(page, "last_edited_time"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var edited))
        {
            return null;
        }

        var parent = page.TryGetProperty("parent", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var database = parent.ValueKind == JsonValueKind.Object && Text(parent, "type") == "database_id" ? NotionApi.Id(Text(parent, "database_id")) : null;
        var properties = new JsonObject();
        if (page.TryGetProperty("properties", out var given) && given.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in given.EnumerateObject())
            {
                properties[property.Name] = NotionValues.Plain(property.Value);
            }
        }

        var archived = Flag(page, "archived") || Flag(page, "in_trash");
        var document = new JsonObject
        {
            ["id"] = id,
            ["url"] = Text(page, "url"),
            ["created_time"] = Text(page, "created_time"),
            ["last_edited_time"] = Text(page, "last_edited_time"),
            ["database_id"] = database,
            ["archived"] = archived,
            ["properties"] = properties,
        };
        return new NotionPage(id, edited, database, archived, document);
    }

    public static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(JsonElement json, string name) => json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
