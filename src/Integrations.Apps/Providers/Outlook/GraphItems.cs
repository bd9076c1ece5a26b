using System.Globalization;
using System.Text.Json;
using Integrations.Crm.Activities;

namespace Integrations.Apps.Providers.Outlook;

/// <summary>Reading the parts of Graph's <c>message</c> and <c>event</c> that become an activity.</summary>
internal static class GraphItems
{
    public static bool Removed(JsonElement item) => item.TryGetProperty("@removed", out _);

    public static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A <c>recipient</c> (<c>{"emailAddress": {"name", "address"}}</c>) as a participant.</summary>
    public static ActivityParticipant? Participant(string role, JsonElement recipient) =>
        recipient.ValueKind == JsonValueKind.Object && recipient.TryGetProperty("emailAddress", out var address) && Text(address, "address") is { Length: > 0 } email
            ? new ActivityParticipant(role, email, Text(address, "name"))
            : null;

    public static IEnumerable<ActivityParticipant> Participants(string role, JsonElement item, string name) =>
        item.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(r => Participant(role, r)).OfType<ActivityParticipant>()
            : [];

    public static DateTimeOffset? Instant(JsonElement item, string name) =>
        Text(item, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>A <c>dateTimeTimeZone</c>: a local time in a Windows or IANA zone (UTC when asked with
    /// <c>Prefer: outlook.timezone="UTC"</c>).</summary>
    public static DateTimeOffset? ZonedTime(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value) || Text(value, "dateTime") is not { } text
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var zone = Text(value, "timeZone") is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : TimeZoneInfo.Utc;
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    /// <summary>A <c>body</c> (<c>{"contentType": "html" | "text", "content"}</c>) as (text, html).</summary>
    public static (string? Text, string? Html) Body(JsonElement item)
    {
        if (!item.TryGetProperty("body", out var body) || Text(body, "content") is not { Length: > 0 } content)
        {
            return (Text(item, "bodyPreview"), null);
        }

        return string.Equals(Text(body, "contentType"), "html", StringComparison.OrdinalIgnoreCase) ? (null, content) : (content, null);
    }
}
