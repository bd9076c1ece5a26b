using System.Globalization;
using System.Text.Json;

namespace Integrations.Apps.Providers.Calendly;

/// <summary>One invitee of a scheduled event, as Calendly's invitee object (webhook <c>payload</c>, or an item of
/// <c>GET /scheduled_events/{uuid}/invitees</c>) and its scheduled event describe it.</summary>
internal sealed record CalendlyMeeting(
    string InviteeUri, string? Email, string? Name, string Status, string? CanceledBy, string? CancelReason,
    IReadOnlyList<CalendlyAnswer> Answers, string? EventName, DateTimeOffset? Start, DateTimeOffset? End,
    string? Location, string? JoinUrl, IReadOnlyList<CalendlyHost> Hosts)
{
    public bool Canceled => Status == "canceled";

    /// <summary>Null when the invitee has no uri (nothing to key it by).</summary>
    public static CalendlyMeeting? Parse(JsonElement invitee, JsonElement scheduledEvent)
    {
        if (Text(invitee, "uri") is not { } uri)
        {
            return null;
        }

        var location = scheduledEvent.ValueKind == JsonValueKind.Object && scheduledEvent.TryGetProperty("location", out var l) ? l : default;
        var cancellation = invitee.ValueKind == JsonValueKind.Object && invitee.TryGetProperty("cancellation", out var c) ? c : default;
        return new CalendlyMeeting(
            uri,
            Text(invitee, "email"),
            Text(invitee, "name") ?? string.Join(' ', new[] { Text(invitee, "first_name"), Text(invitee, "last_name") }.OfType<string>()),
            Text(invitee, "status") ?? "active",
            Text(cancellation, "canceled_by"),
            Text(cancellation, "reason"),
            Items(invitee, "questions_and_answers")
                .Select(a => new CalendlyAnswer(Text(a, "question") ?? "", Text(a, "answer") ?? "", a.TryGetProperty("position", out var p) && p.TryGetInt32(out var n) ? n : 0))
                .Where(a => a.Question.Length > 0).OrderBy(a => a.Position).ToList(),
            Text(scheduledEvent, "name"),
            Time(scheduledEvent, "start_time"),
            Time(scheduledEvent, "end_time"),
            Text(location, "location"),
            Text(location, "join_url"),
            Items(scheduledEvent, "event_memberships").Select(m => new CalendlyHost(Text(m, "user_email"), Text(m, "user_name"))).ToList());
    }

    public static IEnumerable<JsonElement> Items(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];

    public static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text ? text : null;

    private static DateTimeOffset? Time(JsonElement json, string name) =>
        Text(json, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}

/// <summary>An answer to one of the event type's booking questions.</summary>
internal sealed record CalendlyAnswer(string Question, string Answer, int Position);

/// <summary>A host of the scheduled event (an <c>event_memberships</c> entry).</summary>
internal sealed record CalendlyHost(string? Email, string? Name);
