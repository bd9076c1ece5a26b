using System.Text.Json;
using Integrations.Crm.Activities;

namespace Integrations.Apps.Providers.Outlook;

/// <summary>Graph messages as email activities: inbound from the inbox, outbound from the sent items, the
/// conversation as the thread. A message sent by our <c>send_email</c> carries its activity's external id in the
/// <see cref="ActivityHeader"/> header, so its copy in the sent items updates that activity instead of adding one.</summary>
internal static class OutlookMessages
{
    public const string ActivityHeader = "X-Sentinel-Activity";

    /// <summary>What the mail sync asks Graph for (delta queries take <c>$select</c>).</summary>
    public const string Select = "subject,bodyPreview,body,from,toRecipients,ccRecipients,receivedDateTime,sentDateTime,conversationId,internetMessageHeaders";

    public static ActivityInput? Activity(JsonElement message, string folder, string connectionId)
    {
        if (GraphItems.Removed(message) || GraphItems.Text(message, "id") is not { } id)
        {
            return null;
        }

        var inbound = folder == MailCheckpoint.Inbox;
        var (text, html) = GraphItems.Body(message);
        var occurredAt = GraphItems.Instant(message, inbound ? "receivedDateTime" : "sentDateTime")
            ?? GraphItems.Instant(message, "receivedDateTime") ?? GraphItems.Instant(message, "sentDateTime");
        if (occurredAt is null)
        {
            return null;
        }

        return new ActivityInput
        {
            Kind = "email",
            Channel = "outlook",
            Direction = inbound ? "inbound" : "outbound",
            OccurredAt = occurredAt.Value,
            Subject = GraphItems.Text(message, "subject"),
            Text = text,
            Html = html,
            ConnectionId = connectionId,
            ExternalId = (inbound ? null : SentByUs(message)) ?? id,
            ThreadId = GraphItems.Text(message, "conversationId"),
            Participants =
            [
                .. message.TryGetProperty("from", out var from) && GraphItems.Participant("from", from) is { } sender ? [sender] : Array.Empty<ActivityParticipant>(),
                .. GraphItems.Participants("to", message, "toRecipients"),
                .. GraphItems.Participants("cc", message, "ccRecipients"),
            ],
        };
    }

    private static string? SentByUs(JsonElement message) =>
        message.TryGetProperty("internetMessageHeaders", out var headers) && headers.ValueKind == JsonValueKind.Array
            ? headers.EnumerateArray()
                .Where(h => string.Equals(GraphItems.Text(h, "name"), ActivityHeader, StringComparison.OrdinalIgnoreCase))
                .Select(h => GraphItems.Text(h, "value")).FirstOrDefault(v => v is not null && v.StartsWith("sent:", StringComparison.Ordinal))
            : null;
}
