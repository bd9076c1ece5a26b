using System.Text.Json;

namespace Integrations.Web.Pages.Audit;

/// <summary>One changed field of an audit entry, as the page shows it: field: from → to.</summary>
public sealed record AuditChange(string Field, string? From, string? To)
{
    /// <summary>Reads the <c>changes</c> JSON (field → <c>{"from": …, "to": …}</c>); anything else shows as the new value.</summary>
    public static IReadOnlyList<AuditChange> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return [new AuditChange("value", null, document.RootElement.GetRawText())];
        }

        return document.RootElement.EnumerateObject()
            .Select(field => field.Value.ValueKind == JsonValueKind.Object
                             && field.Value.TryGetProperty("to", out var to)
                ? new AuditChange(field.Name, Text(field.Value.TryGetProperty("from", out var from) ? from : default), Text(to))
                : new AuditChange(field.Name, null, Text(field.Value)))
            .ToList();
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
