using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Apps.Providers.Zoom;
using Integrations.Crm.Activities;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Triggers.Zoom;

/// <summary>What a <c>meeting.ended</c> or <c>meeting.participant_joined</c> adds to the meeting's activity, and the
/// <c>zoom.*</c> event it makes.</summary>
internal static class ZoomTriggers
{
    public const string MeetingEnded = "meeting.ended";
    public const string ParticipantJoined = "meeting.participant_joined";

    /// <summary>The update of the activity: the end (and how long it lasted), or the participant who joined (by email;
    /// a guest without one is on the event only).</summary>
    public static ZoomMeetingUpdate Update(string type, ZoomMeeting meeting, JsonElement item)
    {
        if (type == MeetingEnded)
        {
            var ended = ZoomMeeting.Time(item, "end_time");
            var lasted = ended is { } end && meeting.Start is { } start ? (int)Math.Round((end - start).TotalMinutes) : (int?)null;
            return new ZoomMeetingUpdate(meeting with { Duration = null }, [], new ZoomMeetingNotes(EndedAt: ended, LastedMinutes: lasted));
        }

        var participant = Participant(item);
        return new ZoomMeetingUpdate(meeting with { Duration = null },
            ZoomMeeting.Text(participant, "email") is { } email ? [new ActivityParticipant("attendee", email, ZoomMeeting.Text(participant, "user_name"))] : [],
            new ZoomMeetingNotes());
    }

    /// <summary>Whether the event is news for the activity as it was: a meeting not yet ended; a participant not yet on it.</summary>
    public static bool IsNew(string type, ZoomMeetingUpdate update, StoredMeeting? before) => type == MeetingEnded
        ? before?.Notes.HasEnded != true
        : update.Attendees is not [{ Email: { } email }] || before?.Has(email) != true;

    public static EventRecord Event(string type, AppConnection connection, ZoomMeeting meeting, JsonElement item, Guid activityId, JsonObject? activity)
    {
        var data = new JsonObject
        {
            ["connection_id"] = PublicId.Format(IdPrefixes.AppConnection, connection.Id),
            ["app"] = connection.AppId,
            ["account"] = connection.Account,
            ["activity_id"] = PublicId.Format(IdPrefixes.Activity, activityId),
            ["meeting_id"] = meeting.Id,
            ["meeting_uuid"] = meeting.Uuid,
            ["topic"] = meeting.Topic,
        };
        if (type == MeetingEnded)
        {
            var ended = ZoomMeeting.Time(item, "end_time");
            data["started_at"] = Stamp(meeting.Start);
            data["ended_at"] = Stamp(ended);
            data["duration_minutes"] = ended is { } end && meeting.Start is { } start ? (int)Math.Round((end - start).TotalMinutes) : null;
            return new EventRecord(EventCatalog.ZoomMeetingEnded, data.ToJsonString());
        }

        var participant = Participant(item);
        var email = ZoomMeeting.Text(participant, "email");
        data["name"] = ZoomMeeting.Text(participant, "user_name");
        data["email"] = email;
        data["contact_id"] = activity?["participants"] is JsonArray list && email is not null
            ? list.OfType<JsonObject>().FirstOrDefault(p => string.Equals((string?)p["email"], email, StringComparison.OrdinalIgnoreCase))?["contact_id"]?.DeepClone()
            : null;
        data["joined_at"] = Stamp(ZoomMeeting.Time(participant, "join_time"));
        return new EventRecord(EventCatalog.ZoomParticipantJoined, data.ToJsonString());
    }

    private static JsonElement Participant(JsonElement item) =>
        item.TryGetProperty("participant", out var participant) && participant.ValueKind == JsonValueKind.Object ? participant : default;

    private static string? Stamp(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
