using System.Globalization;
using System.Text.Json;

namespace Integrations.Testing.Fakes.Notion;

/// <summary>Notion's typed shapes: a page and a database as the API answers them, and plain values back from the
/// property values a <c>POST /v1/pages</c> sends.</summary>
internal static class FakeNotionShapes
{
    public static Dictionary<string, object?> Page(FakeNotionPage page, FakeNotionDatabase database) => new()
    {
        ["object"] = "page",
        ["id"] = page.Id,
        ["created_time"] = Time(page.CreatedTime),
        ["last_edited_time"] = Time(page.LastEditedTime),
        ["created_by"] = new { @object = "user", id = "ee5f0f84-409a-440f-983a-a5315961c6e4" },
        ["last_edited_by"] = new { @object = "user", id = "ee5f0f84-409a-440f-983a-a5315961c6e4" },
        ["cover"] = null,
        ["icon"] = null,
        ["parent"] = new { type = "database_id", database_id = page.DatabaseId },
        ["archived"] = page.InTrash,
        ["in_trash"] = page.InTrash,
        ["properties"] = database.Schema.ToDictionary(p => p.Key, p => Property(p.Key, p.Value, page.Properties.GetValueOrDefault(p.Key))),
        ["url"] = $"https://www.notion.so/{Slug(page, database)}{page.Id.Replace("-", "", StringComparison.Ordinal)}",
        ["public_url"] = null,
    };

    public static Dictionary<string, object?> Database(FakeNotionDatabase database) => new()
    {
        ["object"] = "database",
        ["id"] = database.Id,
        ["title"] = Text(database.Title),
        ["properties"] = database.Schema.ToDictionary(p => p.Key, p => (object)new Dictionary<string, object?>
        {
            ["id"] = PropertyId(p.Key), ["name"] = p.Key, ["type"] = p.Value, [p.Value] = new { },
        }),
        ["archived"] = false,
        ["in_trash"] = false,
        ["url"] = $"https://www.notion.so/{database.Id.Replace("-", "", StringComparison.Ordinal)}",
    };

    /// <summary>The plain value of a typed property value, or an error message when it is not of <paramref name="type"/>.</summary>
    public static (object? Value, string? Error) Plain(string type, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(type, out var inner))
        {
            return (null, $"is expected to be {type}.");
        }

        return type switch
        {
            "title" or "rich_text" when inner.ValueKind == JsonValueKind.Array =>
                (string.Concat(inner.EnumerateArray().Select(t => t.TryGetProperty("text", out var x) && x.TryGetProperty("content", out var c) ? c.GetString() : "")), null),
            "number" when inner.ValueKind == JsonValueKind.Number => (inner.GetDecimal(), null),
            "checkbox" when inner.ValueKind is JsonValueKind.True or JsonValueKind.False => (inner.GetBoolean(), null),
            "select" or "status" when inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty("name", out var name) => (name.GetString(), null),
            "multi_select" when inner.ValueKind == JsonValueKind.Array => (inner.EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList(), null),
            "date" when inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty("start", out var start) => (start.GetString(), null),
            "email" or "url" or "phone_number" when inner.ValueKind == JsonValueKind.String => (inner.GetString(), null),
            _ => (null, $"is expected to be {type}."),
        };
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Property(string name, string type, object? value) => new()
    {
        ["id"] = PropertyId(name),
        ["type"] = type,
        [type] = type switch
        {
            "title" or "rich_text" => Text(value as string ?? ""),
            "select" or "status" => value is string s ? new { id = PropertyId(s), name = s, color = "default" } : null,
            "multi_select" => (value as IEnumerable<string?> ?? []).Select(s => new { id = PropertyId(s ?? ""), name = s, color = "default" }).ToList(),
            "date" => value is string d ? new { start = d, end = (string?)null, time_zone = (string?)null } : null,
            "checkbox" => value is true,
            _ => value,
        },
    };

    private static List<object> Text(string content) => content.Length == 0 ? [] :
    [
        new
        {
            type = "text",
            text = new { content, link = (string?)null },
            annotations = new { bold = false, italic = false, strikethrough = false, underline = false, code = false, color = "default" },
            plain_text = content,
            href = (string?)null,
        },
    ];

    private static string Slug(FakeNotionPage page, FakeNotionDatabase database) =>
        database.Schema.FirstOrDefault(p => p.Value == "title").Key is { } title && page.Properties.GetValueOrDefault(title) is string text && text.Length > 0
            ? string.Concat(text.Select(c => char.IsLetterOrDigit(c) ? c : '-')) + "-"
            : "";

    private static string PropertyId(string name) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..4];
}
