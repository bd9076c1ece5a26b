using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Integrations.Testing.Fakes.WhatsApp;

/// <summary>The webhook payloads Meta posts for a WhatsApp Business Account (<c>object: whatsapp_business_account</c>,
/// <c>entry[].changes[].value</c> with <c>metadata</c>, <c>contacts</c> + <c>messages</c>, or <c>statuses</c>), and their
/// <c>X-Hub-Signature-256</c>.</summary>
public static class FakeWhatsAppWebhooks
{
    public const string SignatureHeader = "X-Hub-Signature-256";

    public static string Message(FakeWhatsAppNumber number, string waId, string name, string text, DateTimeOffset at, string? id = null) =>
        Envelope(number, new JsonObject
        {
            ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = name }, ["wa_id"] = waId }),
            ["messages"] = new JsonArray(new JsonObject
            {
                ["from"] = waId, ["id"] = id ?? NewId(), ["timestamp"] = Seconds(at), ["type"] = "text", ["text"] = new JsonObject { ["body"] = text },
            }),
        });

    /// <summary>Statuses of sent messages (<c>sent</c>, <c>delivered</c>, <c>read</c>; <c>failed</c> with its error code).</summary>
    public static string Statuses(FakeWhatsAppNumber number, params (string MessageId, string Status, string RecipientId, DateTimeOffset At, int? ErrorCode)[] statuses) =>
        Envelope(number, new JsonObject
        {
            ["statuses"] = new JsonArray([.. statuses.Select(s => Status(s.MessageId, s.Status, s.RecipientId, s.At, s.ErrorCode))]),
        });

    /// <summary><c>sha256=</c> + the hex HMAC-SHA256 of the body keyed with the app secret.</summary>
    public static string Sign(string body, string appSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(body)));

    public static string NewId() => "wamid." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));

    private static JsonObject Status(string id, string status, string recipient, DateTimeOffset at, int? errorCode)
    {
        var entry = new JsonObject { ["id"] = id, ["status"] = status, ["timestamp"] = Seconds(at), ["recipient_id"] = recipient };
        if (status != "failed")
        {
            entry["conversation"] = new JsonObject { ["id"] = Guid.NewGuid().ToString("N"), ["origin"] = new JsonObject { ["type"] = "utility" } };
            entry["pricing"] = new JsonObject { ["billable"] = true, ["pricing_model"] = "PMP", ["category"] = "utility", ["type"] = "regular" };
        }
        else
        {
            entry["errors"] = new JsonArray(new JsonObject
            {
                ["code"] = errorCode ?? 131026, ["title"] = "Message undeliverable", ["message"] = "Message undeliverable",
                ["error_data"] = new JsonObject { ["details"] = "Message Undeliverable." },
            });
        }

        return entry;
    }

    private static string Envelope(FakeWhatsAppNumber number, JsonObject value)
    {
        var full = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = string.Concat(number.Display.Where(char.IsAsciiDigit)), ["phone_number_id"] = number.Id },
        };
        foreach (var (name, node) in value)
        {
            full[name] = node?.DeepClone();
        }

        return new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "102290129340398",
                ["changes"] = new JsonArray(new JsonObject { ["value"] = full, ["field"] = "messages" }),
            }),
        }.ToJsonString();
    }

    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
