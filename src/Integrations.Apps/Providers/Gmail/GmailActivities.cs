using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Apps.Syncs;
using Integrations.Crm.Activities;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.Gmail;

/// <summary>Records Gmail messages as email activities (external id: the message id; drafts, spam and trash left out)
/// in the caller's transaction, and, when told to <c>announce</c>, each new inbound one as <c>gmail.email_received</c>
/// in it too.</summary>
internal sealed class GmailActivities(ActivityWriter writer, EventLog events)
{
    public async Task<IReadOnlyList<RecordedActivity>> RecordAsync(
        AppConnection connection, ConnectionSettings settings, IReadOnlyList<GmailEmail> emails, bool announce, CancellationToken ct)
    {
        var kept = emails.Where(e => !e.Skipped).ToList();
        var connectionId = PublicId.Format(IdPrefixes.AppConnection, connection.Id);
        var recorded = await writer.RecordAsync([.. kept.Select(e => Input(e, connectionId))],
            new ActivityMatching(settings.Flag("create_contacts"), AccountDomains.Of(connection.Account)), ct);
        var received = recorded.Select((activity, i) => (Activity: activity, Email: kept[i]))
            .Where(r => announce && r.Activity.Created && !r.Email.Outbound).DistinctBy(r => r.Activity.Id)
            .Select(r => new EventRecord(EventCatalog.GmailEmailReceived, new JsonObject
            {
                ["connection_id"] = connectionId,
                ["app"] = connection.AppId,
                ["account"] = connection.Account,
                ["activity_id"] = PublicId.Format(IdPrefixes.Activity, r.Activity.Id),
                ["from"] = r.Email.From,
                ["subject"] = r.Email.Subject,
                ["thread_id"] = r.Email.ThreadId,
            }.ToJsonString())).ToList();
        await events.AppendAsync(received, ct);
        return recorded;
    }

    private static ActivityInput Input(GmailEmail email, string connectionId) => new()
    {
        Kind = "email",
        Channel = "gmail",
        Direction = email.Outbound ? "outbound" : "inbound",
        OccurredAt = email.ReceivedAt,
        Subject = email.Subject,
        Text = email.Text,
        Html = email.Html,
        ConnectionId = connectionId,
        ExternalId = email.Id,
        ThreadId = email.ThreadId.Length == 0 ? null : email.ThreadId,
        Participants = [.. email.Addresses.Select(a => new ActivityParticipant(a.Role, a.Email, a.Name))],
    };
}
