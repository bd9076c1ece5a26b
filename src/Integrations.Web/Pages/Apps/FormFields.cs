using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Apps.Catalogue;
using Microsoft.Extensions.Primitives;

namespace Integrations.Web.Pages.Apps;

/// <summary>
/// The app page's forms of catalogue fields (a connection's settings, an action's input) read back into the JSON the
/// facades check: a box not ticked is <c>false</c>, a multi-select a list, a <c>datetime-local</c> value an ISO 8601
/// time with the offset of the browser's time zone (<c>tz</c>, set by the page's script; UTC without it).
/// </summary>
public static class FormFields
{
    public const string TimeZoneField = "tz";

    /// <summary>Every field, an empty one as "" (settings: cleared, or a secret kept).</summary>
    public static JsonObject Settings(IReadOnlyList<ActionField> fields, IReadOnlyDictionary<string, StringValues> form, string prefix) =>
        Read(fields, form, prefix, keepEmpty: true);

    /// <summary>The fields given; an empty one is left out, so a required one is reported missing.</summary>
    public static JsonObject Input(IReadOnlyList<ActionField> fields, IReadOnlyDictionary<string, StringValues> form, string prefix) =>
        Read(fields, form, prefix, keepEmpty: false);

    /// <summary>What the field shows: its posted value, else <paramref name="stored"/> (a setting's value).</summary>
    public static string Shown(JsonNode? stored) => stored switch
    {
        null => "",
        JsonArray list => string.Join(", ", list.Select(i => i?.ToString())),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => stored.ToJsonString(),
    };

    private static JsonObject Read(IReadOnlyList<ActionField> fields, IReadOnlyDictionary<string, StringValues> form, string prefix, bool keepEmpty)
    {
        var zone = Zone(form.GetValueOrDefault(TimeZoneField).ToString());
        var values = new JsonObject();
        foreach (var field in fields)
        {
            var posted = form.GetValueOrDefault(prefix + field.Name);
            JsonNode? value = field.Type switch
            {
                "boolean" => JsonValue.Create(posted.Any(v => v is "true" or "on")),
                "channels" => posted.SelectMany(v => (v ?? "").Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    .ToList() is { Count: > 0 } ids ? new JsonArray([.. ids.Select(id => JsonValue.Create(id))]) : null,
                "datetime" => posted.ToString().Trim() is { Length: > 0 } local ? JsonValue.Create(WithOffset(local, zone)) : null,
                _ => posted.ToString() is { Length: > 0 } text ? JsonValue.Create(text) : null,
            };
            if (value is not null || keepEmpty)
            {
                values[field.Name] = value ?? JsonValue.Create("");
            }
        }

        return values;
    }

    /// <summary>A <c>datetime-local</c> value in the browser's time zone (<paramref name="zoneId"/>, the <c>tz</c> field)
    /// as ISO 8601 with its offset; anything else is passed on for the facade to refuse with its message.</summary>
    public static string WithOffset(string local, string? zoneId) => WithOffset(local.Trim(), Zone(zoneId ?? ""));

    // "2026-12-04T15:00" in the browser's zone → "2026-12-04T15:00:00+01:00".
    private static string WithOffset(string local, TimeZoneInfo zone) =>
        DateTime.TryParseExact(local, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? new DateTimeOffset(at, zone.GetUtcOffset(at)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
            : local;

    private static TimeZoneInfo Zone(string id) =>
        id.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
