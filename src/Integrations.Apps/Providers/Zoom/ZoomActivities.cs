using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Apps.Syncs;
using Integrations.Crm.Activities;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.Zoom;

/// <summary>
/// Zoom meetings as meeting activities, one per meeting id and connection: the host as organizer, invitees and those who
/// joined as attendees (matched to contacts by the activity writer), the meeting's facts in the body. Every write adds to
/// what is stored (participants, notes, an outbound direction), since the sync, the action and the webhooks each know a
/// part; the pages' activities are then written in one set-based call.
/// </summary>
internal sealed class ZoomActivities(ActivityWriter writer, RecordReader records, TimeProvider clock)
{
    public const string Channel = "zoom";

    /// <summary>Writes the updates (in the caller's transaction, if any); per update, what was stored before.</summary>
    public async Task<IReadOnlyList<ZoomMeetingWrite>> WriteAsync(AppConnection connection, ConnectionSettings settings,
        IReadOnlyList<ZoomMeetingUpdate> updates, CancellationToken ct)
    {
        if (updates.Count == 0)
        {
            return [];
        }

        var connectionId = PublicId.Format(IdPrefixes.AppConnection, connection.Id);
        var before = new List<StoredMeeting?>(updates.Count);
        foreach (var update in updates)
        {
            before.Add(await StoredAsync(connectionId, update.Meeting.Id, ct));
        }

        var inputs = updates.Select((u, i) => Input(connection, connectionId, u, before[i])).ToList();
        var recorded = await writer.RecordAsync(inputs, new ActivityMatching(settings.Flag("create_contacts"), AccountDomains.Of(connection.Account)), ct);
        return [.. recorded.Select((r, i) => new ZoomMeetingWrite(r, before[i]))];
    }

    /// <summary>A stored activity as the API shows it (participants with their matched <c>contact_id</c>).</summary>
    public Task<JsonObject?> ReadAsync(Guid activityId, CancellationToken ct) => records.GetAsync(RecordTypes.Activity, activityId, ct);

    private ActivityInput Input(AppConnection connection, string connectionId, ZoomMeetingUpdate update, StoredMeeting? stored)
    {
        var meeting = update.Meeting;
        var notes = (stored?.Notes ?? new ZoomMeetingNotes()).With(new ZoomMeetingNotes(meeting.Id, meeting.JoinUrl, meeting.Duration)).With(update.Notes);
        var participants = new List<ActivityParticipant> { new("organizer", connection.Account, connection.AccountName) };
        foreach (var p in (stored?.Participants ?? []).Concat(update.Attendees))
        {
            if (p.Email is not null && participants.All(e => !string.Equals(e.Email, p.Email, StringComparison.OrdinalIgnoreCase)))
            {
                participants.Add(p with { Role = p.Role == "organizer" ? "organizer" : "attendee" });
            }
        }

        return new ActivityInput
        {
            Kind = "meeting",
            Channel = Channel,
            Direction = update.Direction ?? stored?.Direction,
            OccurredAt = meeting.Start ?? stored?.OccurredAt ?? clock.GetUtcNow(),
            Subject = meeting.Topic ?? stored?.Subject ?? "Zoom meeting",
            Text = notes.Format(),
            ConnectionId = connectionId,
            ExternalId = meeting.Id,
            Participants = participants,
        };
    }

    private async Task<StoredMeeting?> StoredAsync(string connectionId, string externalId, CancellationToken ct)
    {
        var page = await records.ListAsync(RecordTypes.Activity, new RecordListQuery(Limit: 1,
            Filters: new Dictionary<string, object?> { ["connection_id"] = connectionId, ["external_id"] = externalId }), ct);
        if (page.Data.Count == 0)
        {
            return null;
        }

        var record = page.Data[0];
        var participants = record["participants"] is JsonArray list
            ? list.OfType<JsonObject>().Select(p => new ActivityParticipant(Text(p["role"]) ?? "attendee", Text(p["email"]), Text(p["name"]), Text(p["phone"]))).ToList()
            : [];
        return new StoredMeeting(
            PublicId.TryParse(IdPrefixes.Activity, Text(record["id"]) ?? "", out var id) ? id : Guid.Empty,
            Text(record["subject"]),
            Text(record["direction"]),
            DateTimeOffset.TryParse(Text(record["occurred_at"]), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null,
            participants,
            ZoomMeetingNotes.Parse(Text(record["body"])));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>What one source knows of a meeting: the meeting, who joined or was invited, what to add to its notes, and
/// a direction (<c>outbound</c> for one created here; null keeps the stored one).</summary>
internal sealed record ZoomMeetingUpdate(ZoomMeeting Meeting, IReadOnlyList<ActivityParticipant> Attendees, ZoomMeetingNotes Notes, string? Direction = null);

/// <summary>A meeting activity as it was stored before a write.</summary>
internal sealed record StoredMeeting(Guid Id, string? Subject, string? Direction, DateTimeOffset? OccurredAt,
    IReadOnlyList<ActivityParticipant> Participants, ZoomMeetingNotes Notes)
{
    public bool Has(string email) => Participants.Any(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A written meeting activity and what it was before (null: it is new).</summary>
internal sealed record ZoomMeetingWrite(RecordedActivity Activity, StoredMeeting? Before);
