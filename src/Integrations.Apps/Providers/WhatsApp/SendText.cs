using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.WhatsApp;

/// <summary>WhatsApp's <c>send_text</c>: free-form text, only within the 24-hour customer-service window (checked
/// against the customer's last inbound message first, and Meta's 131047 mapped to the same answer); recorded as an
/// outbound message activity whose status webhooks then update it.</summary>
internal sealed class SendText(WhatsAppRecipient recipients, WhatsAppWindow window, WhatsAppMessages messages, WhatsAppActivities activities,
    TimeProvider clock) : IAppAction
{
    /// <summary>WhatsApp's limit for a text message's body.</summary>
    public const int MaxText = 4_096;

    public string AppId => WhatsAppNames.AppId;

    public string ActionId => "send_text";

    public Dictionary<string, string[]> Check(JsonObject input) =>
        ((string?)input["text"])?.Length > MaxText ? new() { ["input.text"] = [$"WhatsApp takes at most {MaxText:N0} characters of text."] } : [];

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var to = await recipients.ResolveAsync(input, ct);
        var connectionId = PublicId.Format(IdPrefixes.AppConnection, context.Connection.Id);
        if (!await window.IsOpenAsync(connectionId, to.WaId, ct))
        {
            throw new ActionInputException("input.to", WhatsAppWindow.Closed(to.Phone));
        }

        var text = (string)input["text"]!;
        var sent = await messages.SendAsync(context, to, new JsonObject { ["type"] = "text", ["text"] = new JsonObject { ["preview_url"] = false, ["body"] = text } }, ct);
        var recorded = await activities.RecordAsync(context.Connection, context.Settings,
            [new WhatsAppMessage(sent.Id, sent.WaId, null, Inbound: false, clock.GetUtcNow(), null, text)], ct);
        return Result(sent, to, recorded[0].Id);
    }

    internal static JsonObject Result(SentMessage sent, Recipient to, Guid activityId) => new()
    {
        ["message_id"] = sent.Id,
        ["to"] = to.Phone,
        ["wa_id"] = sent.WaId,
        ["activity_id"] = PublicId.Format(IdPrefixes.Activity, activityId),
    };
}
