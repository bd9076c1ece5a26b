using System.Globalization;
using System.Text.Json;

namespace Integrations.Apps.Providers.GoogleCalendar;

/// <summary>An event of the Calendar API as the sync and <c>create_event</c> use it. A cancelled event in an incremental
/// answer has only its id and status. An all-day event's <c>start.date</c> is read as midnight UTC.</summary>
internal sealed record CalendarEvent(
    string Id, string Status, string? Summary, string? Description, DateTimeOffset? Start, string? HtmlLink,
    string? Organizer, IReadOnlyList<CalendarAttendee> Attendees)
{
    public bool Cancelled => Status == "cancelled";

    public static CalendarEvent Parse(JsonElement json) => new(
        Text(json, "id") ?? "",
        Text(json, "status") ?? "confirmed",
        Text(json, "summary"),
        Text(json, "description"),
        json.TryGetProperty("start", out var start) ? Time(start) : null,
        Text(json, "htmlLink"),
        json.TryGetProperty("organizer", out var organizer) ? Text(organizer, "email") : null,
        json.TryGetProperty("attendees", out var attendees) && attendees.ValueKind == JsonValueKind.Array
            ? [.. attendees.EnumerateArray().Select(a => new CalendarAttendee(Text(a, "email"), Text(a, "displayName"),
                a.TryGetProperty("organizer", out var o) && o.ValueKind == JsonValueKind.True))]
            : []);

    private static DateTimeOffset? Time(JsonElement time) =>
        Text(time, "dateTime") is { } dateTime && DateTimeOffset.TryParse(dateTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at
        : Text(time, "date") is { } date && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>An attendee of an event (the organizer is one too, flagged).</summary>
internal sealed record CalendarAttendee(string? Email, string? Name, bool Organizer);
