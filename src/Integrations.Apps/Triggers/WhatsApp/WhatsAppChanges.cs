using System.Globalization;
using System.Text.Json;
using Integrations.Apps.Providers.WhatsApp;

namespace Integrations.Apps.Triggers.WhatsApp;

/// <summary>
/// A webhook payload of the WhatsApp Business Account object read the way Meta documents it:
/// <c>entry[].changes[]</c> whose <c>field</c> is <c>messages</c>, each <c>value</c> naming its number
/// (<c>metadata.phone_number_id</c>) and carrying <c>contacts</c> + <c>messages</c> (a customer wrote) or
/// <c>statuses</c> (sent, delivered, read, failed for a message we sent). What does not fit is skipped.
/// </summary>
internal static class WhatsAppChanges
{
    public static List<WhatsAppChange> Read(JsonElement payload)
    {
        var changes = new List<WhatsAppChange>();
        foreach (var entry in Array(payload, "entry"))
        {
            foreach (var change in Array(entry, "changes"))
            {
                if (Text(change, "field") != "messages" || !change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object
                    || !value.TryGetProperty("metadata", out var metadata) || Text(metadata, "phone_number_id") is not { } phoneNumberId)
                {
                    continue;
                }

                var names = Array(value, "contacts").Where(c => Text(c, "wa_id") is not null)
                    .GroupBy(c => Text(c, "wa_id")!).ToDictionary(g => g.Key, g => g.First().TryGetProperty("profile", out var p) ? Text(p, "name") : null);
                changes.Add(new WhatsAppChange(phoneNumberId,
                    [.. Array(value, "messages").Select(m => Message(m, names)).OfType<WhatsAppMessage>()],
                    [.. Array(value, "statuses").Select(Status).OfType<WhatsAppStatus>()]));
            }
        }

        return changes;
    }

    private static WhatsAppMessage? Message(JsonElement message, Dictionary<string, string?> names)
    {
        if (Text(message, "id") is not { Length: > 0 and <= 512 } id || Text(message, "from") is not { } from || !from.All(char.IsAsciiDigit)
            || At(message) is not { } at)
        {
            return null;
        }

        var type = Text(message, "type") ?? "unknown";
        var content = message.TryGetProperty(type, out var part) && part.ValueKind == JsonValueKind.Object ? part : default;
        var text = type switch
        {
            "text" => Text(content, "body"),
            "button" => Text(content, "text"),
            "interactive" => Reply(content),
            "reaction" => Text(content, "emoji") is { } emoji ? $"[reaction {emoji}]" : "[reaction removed]",
            "location" => $"[location] {string.Join(", ", new[] { Text(content, "name"), Text(content, "address") }.OfType<string>())}".TrimEnd(),
            _ => Text(content, "caption") is { } caption ? $"[{type}] {caption}" : $"[{type}]",
        };
        return new WhatsAppMessage(id, from, names.GetValueOrDefault(from), Inbound: true, at, null, text) { Type = type };
    }

    private static string? Reply(JsonElement interactive) =>
        interactive.ValueKind == JsonValueKind.Object
        && (interactive.TryGetProperty("button_reply", out var reply) || interactive.TryGetProperty("list_reply", out reply))
            ? Text(reply, "title")
            : null;

    private static WhatsAppStatus? Status(JsonElement status)
    {
        if (Text(status, "id") is not { Length: > 0 and <= 512 } id || Text(status, "status") is not { } name || WhatsAppStatus.Rank(name) == 0
            || At(status) is not { } at)
        {
            return null;
        }

        var error = Array(status, "errors").Select(e => e.TryGetProperty("code", out var code) && code.TryGetInt32(out var number)
            ? $"{number}: {Text(e, "title") ?? Text(e, "message") ?? "error"}"
            : Text(e, "title")).OfType<string>().FirstOrDefault();
        return new WhatsAppStatus(id, name, at, Text(status, "recipient_id") ?? "", error);
    }

    private static DateTimeOffset? At(JsonElement item) =>
        Text(item, "timestamp") is { } seconds && long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            && unix is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(unix)
            : null;

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>What one change says about one number: messages customers sent it, and statuses of messages it sent.</summary>
internal sealed record WhatsAppChange(string PhoneNumberId, IReadOnlyList<WhatsAppMessage> Messages, IReadOnlyList<WhatsAppStatus> Statuses);

/// <summary>A status of a sent message (its wamid): <c>sent</c>, <c>delivered</c>, <c>read</c> or <c>failed</c> (with
/// Meta's error), when, and to whom.</summary>
internal sealed record WhatsAppStatus(string MessageId, string Status, DateTimeOffset At, string RecipientId, string? Error)
{
    /// <summary>Statuses only move forward (Meta may deliver them out of order): sent, delivered, read; failed ends it.
    /// 0 for a status this app does not know.</summary>
    public static int Rank(string status) => status switch
    {
        "sent" => 1,
        "delivered" => 2,
        "read" => 3,
        "failed" => 4,
        _ => 0,
    };
}
