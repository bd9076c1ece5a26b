using Integrations.Apps.Connections;
using Integrations.Crm.Activities;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.WhatsApp;

/// <summary>Records WhatsApp messages as message activities (external id: the wamid; thread: the customer's wa_id) with
/// the customer as the participant matched by phone, in the caller's transaction.</summary>
internal sealed class WhatsAppActivities(ActivityWriter writer)
{
    public Task<IReadOnlyList<RecordedActivity>> RecordAsync(AppConnection connection, ConnectionSettings settings,
        IReadOnlyList<WhatsAppMessage> messages, CancellationToken ct)
    {
        var connectionId = PublicId.Format(IdPrefixes.AppConnection, connection.Id);
        return writer.RecordAsync([.. messages.Select(m => Input(m, connectionId))], new ActivityMatching(settings.Flag("create_contacts"), []), ct);
    }

    private static ActivityInput Input(WhatsAppMessage message, string connectionId) => new()
    {
        Kind = ActivityKinds.Message,
        Channel = WhatsAppNames.Channel,
        Direction = message.Inbound ? ActivityKinds.Inbound : ActivityKinds.Outbound,
        OccurredAt = message.At,
        Subject = message.Subject,
        Text = message.Text,
        ConnectionId = connectionId,
        ExternalId = message.Id,
        ThreadId = message.WaId,
        Participants = [new ActivityParticipant(message.Inbound ? "from" : "to", null, message.Name, "+" + message.WaId)],
    };
}

/// <summary>One WhatsApp message, either way: its wamid, the customer's wa_id (and profile name), when, and what it said.</summary>
internal sealed record WhatsAppMessage(string Id, string WaId, string? Name, bool Inbound, DateTimeOffset At, string? Subject, string? Text)
{
    /// <summary>Meta's message type: <c>text</c>, <c>image</c>, <c>button</c>, <c>interactive</c>…</summary>
    public string Type { get; init; } = "text";
}
