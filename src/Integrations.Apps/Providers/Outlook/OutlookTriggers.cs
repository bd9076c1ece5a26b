using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Crm.Activities;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.Outlook;

/// <summary><c>outlook.email_received</c> (new inbound mail) and <c>outlook.event_created</c>, in the shapes of
/// their <see cref="EventCatalog"/> examples.</summary>
internal static class OutlookTriggers
{
    public static EventRecord? EmailReceived(AppConnection connection, ActivityInput email, string activityId) =>
        email.Direction != "inbound" ? null : new EventRecord(EventCatalog.OutlookEmailReceived, new JsonObject
        {
            ["connection_id"] = PublicId.Format(IdPrefixes.AppConnection, connection.Id),
            ["app"] = connection.AppId,
            ["account"] = connection.Account,
            ["activity_id"] = activityId,
            ["from"] = email.Participants.FirstOrDefault(p => p.Role == "from")?.Email,
            ["subject"] = email.Subject,
            ["thread_id"] = email.ThreadId,
        }.ToJsonString());

    public static EventRecord EventCreated(AppConnection connection, ActivityInput meeting, string activityId) =>
        new(EventCatalog.OutlookEventCreated, new JsonObject
        {
            ["connection_id"] = PublicId.Format(IdPrefixes.AppConnection, connection.Id),
            ["app"] = connection.AppId,
            ["account"] = connection.Account,
            ["activity_id"] = activityId,
            ["subject"] = meeting.Subject,
            ["starts_at"] = meeting.OccurredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["attendees"] = new JsonArray([.. meeting.Participants.Where(p => p.Role == "attendee").Select(p => JsonValue.Create(p.Email))]),
        }.ToJsonString());
}
