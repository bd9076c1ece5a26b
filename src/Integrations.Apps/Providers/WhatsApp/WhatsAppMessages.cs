using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Calls;
using Integrations.Apps.Connections;
using Integrations.Apps.Providers.Meta;

namespace Integrations.Apps.Providers.WhatsApp;

/// <summary>
/// <c>POST /{phone-number-id}/messages</c> through <see cref="AppApi"/> with the connection's system-user token. Meta's
/// answer names the message (<c>messages[0].id</c>, the wamid its status webhooks carry) and the recipient's WhatsApp
/// id (<c>contacts[0].wa_id</c>). Error 131047 (more than 24 hours since the customer wrote) is the send_text's input
/// problem, not the provider's.
/// </summary>
internal sealed class WhatsAppMessages(AppApi api)
{
    public async Task<SentMessage> SendAsync(ActionContext context, Recipient to, JsonObject message, CancellationToken ct)
    {
        var phoneNumberId = context.Settings.Text(WhatsAppNames.PhoneNumberId)
            ?? throw new SettingMissingException(WhatsAppNames.PhoneNumberId, "The connection has no phone number id: enter its credentials again on the app page.");
        var body = new JsonObject { ["messaging_product"] = "whatsapp", ["recipient_type"] = "individual", ["to"] = to.Phone };
        foreach (var (name, value) in message)
        {
            body[name] = value?.DeepClone();
        }

        var url = $"{context.App.Urls["api"].TrimEnd('/')}/{phoneNumberId}/messages";
        try
        {
            using var answer = await api.SendAsync(context.Connection, () => new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) }, ct);
            var root = answer.RootElement;
            var id = root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0
                ? messages[0].GetProperty("id").GetString()
                : null;
            var waId = root.TryGetProperty("contacts", out var contacts) && contacts.ValueKind == JsonValueKind.Array && contacts.GetArrayLength() > 0
                && contacts[0].TryGetProperty("wa_id", out var wa) ? wa.GetString() : null;
            return new SentMessage(id ?? throw new ProviderException("WhatsApp's answer names no message id", 200), waId ?? to.WaId);
        }
        catch (ProviderException e) when (e.Message.Contains($"#{GraphError.OutsideWindow}", StringComparison.Ordinal) || e.Message.StartsWith($"{GraphError.OutsideWindow}:", StringComparison.Ordinal))
        {
            throw new ActionInputException("input.to", WhatsAppWindow.Closed(to.Phone));
        }
    }
}

/// <summary>What WhatsApp accepted: the message's wamid and the recipient's wa_id.</summary>
internal sealed record SentMessage(string Id, string WaId);
