using System.Text.Json;
using Integrations.Crm.Activities;

namespace Integrations.Apps.Providers.Outlook;

/// <summary>Graph events as meeting activities at their start: the organizer and the attendees (rooms and other
/// resources left out) as participants.</summary>
internal static class OutlookEvents
{
    public static ActivityInput? Activity(JsonElement e, string connectionId)
    {
        if (GraphItems.Removed(e) || GraphItems.Text(e, "id") is not { } id || GraphItems.ZonedTime(e, "start") is not { } start)
        {
            return null;
        }

        var (text, html) = GraphItems.Body(e);
        var attendees = e.TryGetProperty("attendees", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(a => GraphItems.Text(a, "type") != "resource").Select(a => GraphItems.Participant("attendee", a)).OfType<ActivityParticipant>()
            : [];
        return new ActivityInput
        {
            Kind = "meeting",
            Channel = "outlook",
            OccurredAt = start,
            Subject = GraphItems.Text(e, "subject"),
            Text = text,
            Html = html,
            ConnectionId = connectionId,
            ExternalId = id,
            Participants =
            [
                .. e.TryGetProperty("organizer", out var organizer) && GraphItems.Participant("organizer", organizer) is { } o ? [o] : Array.Empty<ActivityParticipant>(),
                .. attendees,
            ],
        };
    }
}
