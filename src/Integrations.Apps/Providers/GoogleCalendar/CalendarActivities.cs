using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Apps.Syncs;
using Integrations.Crm.Activities;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.GoogleCalendar;

/// <summary>Calendar events as meeting activities (organizer and attendees as participants, matched to contacts by the
/// activity writer), and the <c>google-calendar.event_created</c> events of the ones recorded for the first time.</summary>
internal sealed class CalendarActivities(ActivityWriter writer, EventLog events)
{
    public const string Channel = "google_calendar";

    /// <summary>Records the events (in the caller's transaction); how many, and the activities.</summary>
    public async Task<IReadOnlyList<RecordedActivity>> RecordAsync(
        AppConnection connection, ConnectionSettings settings, IReadOnlyList<CalendarEvent> items, bool emitCreated, CancellationToken ct)
    {
        var inputs = items.Where(e => !e.Cancelled && e.Start is not null).Select(e => Input(connection, e)).ToList();
        if (inputs.Count == 0)
        {
            return [];
        }

        var recorded = await writer.RecordAsync(inputs, new ActivityMatching(settings.Flag("create_contacts"), AccountDomains.Of(connection.Account)), ct);
        if (emitCreated)
        {
            var created = recorded.Where(r => r.Created).Select(r => inputs.First(i => i.ExternalId == r.ExternalId) is var input
                ? new EventRecord(EventCatalog.GoogleCalendarEventCreated, Payload(connection, r, input))
                : null).OfType<EventRecord>().ToList();
            if (created.Count > 0)
            {
                await events.AppendAsync(created, ct);
            }
        }

        return recorded;
    }

    private static ActivityInput Input(AppConnection connection, CalendarEvent e) => new()
    {
        Kind = "meeting",
        Channel = Channel,
        OccurredAt = e.Start!.Value,
        Subject = e.Summary ?? "(No title)",
        Text = e.Description,
        ConnectionId = PublicId.Format(IdPrefixes.AppConnection, connection.Id),
        ExternalId = e.Id,
        Participants =
        [
            .. e.Organizer is { } organizer ? [new ActivityParticipant("organizer", organizer)] : Array.Empty<ActivityParticipant>(),
            .. e.Attendees.Where(a => a.Email is not null && !a.Organizer && !string.Equals(a.Email, e.Organizer, StringComparison.OrdinalIgnoreCase))
                .Select(a => new ActivityParticipant("attendee", a.Email, a.Name)),
        ],
    };

    private static string Payload(AppConnection connection, RecordedActivity activity, ActivityInput input) => new JsonObject
    {
        ["connection_id"] = input.ConnectionId,
        ["app"] = connection.AppId,
        ["account"] = connection.Account,
        ["activity_id"] = PublicId.Format(IdPrefixes.Activity, activity.Id),
        ["subject"] = input.Subject,
        ["starts_at"] = input.OccurredAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["attendees"] = new JsonArray([.. input.Participants.Where(p => p.Role == "attendee").Select(p => JsonValue.Create(p.Email))]),
    }.ToJsonString();
}
