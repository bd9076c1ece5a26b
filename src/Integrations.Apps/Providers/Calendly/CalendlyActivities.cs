using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Apps.Syncs;
using Integrations.Crm.Activities;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.Calendly;

/// <summary>
/// Invitees as meeting activities keyed by the invitee's uri (a re-delivered webhook or a re-sync updates, never
/// duplicates): the event's name, start, end, location or join link and the answers to the booking questions in the
/// body, the invitee as attendee (a contact by email, created unless the connection's <c>create_contacts</c> is off) and
/// the hosts as organizers. A cancellation updates the same activity. With <c>announce</c> (webhooks, not the backfill),
/// a new active invitee is <c>calendly.invitee_created</c> and a newly canceled one <c>calendly.invitee_canceled</c>,
/// in the caller's transaction; an invitee recorded again as it was announces nothing.
/// </summary>
internal sealed class CalendlyActivities(ActivityWriter writer, EventLog events)
{
    public const string Channel = "calendly";

    public async Task<IReadOnlyList<RecordedActivity>> RecordAsync(
        AppConnection connection, ConnectionSettings settings, IReadOnlyList<CalendlyMeeting> meetings, bool announce, CancellationToken ct)
    {
        var inputs = meetings.Where(m => m.Start is not null).Select(m => (Meeting: m, Input: Input(connection, m))).ToList();
        if (inputs.Count == 0)
        {
            return [];
        }

        var recorded = await writer.RecordAsync([.. inputs.Select(i => i.Input)],
            new ActivityMatching(settings.Flag("create_contacts"), AccountDomains.Of(connection.AccountName)), ct);
        if (announce)
        {
            var announced = inputs.Zip(recorded)
                .Where(p => p.First.Meeting.Canceled ? p.Second.Changed : p.Second.Created)
                .Select(p => new EventRecord(p.First.Meeting.Canceled ? EventCatalog.CalendlyInviteeCanceled : EventCatalog.CalendlyInviteeCreated,
                    Payload(connection, p.Second, p.First.Meeting)))
                .ToList();
            if (announced.Count > 0)
            {
                await events.AppendAsync(announced, ct);
            }
        }

        return recorded;
    }

    private static ActivityInput Input(AppConnection connection, CalendlyMeeting m) => new()
    {
        Kind = "meeting",
        Channel = Channel,
        OccurredAt = m.Start!.Value,
        Subject = (m.Canceled ? "Canceled: " : "") + (m.EventName ?? "Calendly meeting"),
        Text = Body(m),
        ConnectionId = PublicId.Format(IdPrefixes.AppConnection, connection.Id),
        ExternalId = m.InviteeUri,
        Participants =
        [
            .. m.Email is null ? Array.Empty<ActivityParticipant>() : [new ActivityParticipant("attendee", m.Email, m.Name)],
            .. m.Hosts.Where(h => h.Email is not null && !string.Equals(h.Email, m.Email, StringComparison.OrdinalIgnoreCase))
                .Select(h => new ActivityParticipant("organizer", h.Email, h.Name)),
        ],
    };

    /// <summary>What the timeline shows of the meeting; the answers are kept here, one per line.</summary>
    internal static string Body(CalendlyMeeting m)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Starts: {Shown(m.Start)}");
        if (m.End is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Ends: {Shown(m.End)}");
        }

        if (m.Location is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Location: {m.Location}");
        }

        if (m.JoinUrl is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Join: {m.JoinUrl}");
        }

        if (m.Canceled)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Canceled{(m.CanceledBy is { } by ? " by " + by : "")}{(m.CancelReason is { } reason ? ": " + reason : "")}");
        }

        foreach (var answer in m.Answers)
        {
            text.AppendLine().AppendLine(answer.Question).AppendLine(answer.Answer);
        }

        return text.ToString().TrimEnd();
    }

    private static string Payload(AppConnection connection, RecordedActivity activity, CalendlyMeeting m) => new JsonObject
    {
        ["connection_id"] = PublicId.Format(IdPrefixes.AppConnection, connection.Id),
        ["app"] = connection.AppId,
        ["account"] = connection.Account,
        ["activity_id"] = PublicId.Format(IdPrefixes.Activity, activity.Id),
        ["invitee_uri"] = m.InviteeUri,
        ["email"] = m.Email,
        ["name"] = m.Name,
        ["status"] = m.Status,
        ["event_name"] = m.EventName,
        ["starts_at"] = Utc(m.Start),
        ["ends_at"] = Utc(m.End),
        ["join_url"] = m.JoinUrl,
        ["cancel_reason"] = m.CancelReason,
    }.ToJsonString();

    private static string? Shown(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string? Utc(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
