using Integrations.Platform.Signing;

namespace Integrations.Webhooks.Dispatch;

/// <summary>The headers of a delivery POST: both signature schemes, every current secret signing during a rotation.</summary>
internal static class SignedHeaders
{
    public const string UserAgent = "Sentinel-Webhooks/1.0";

    public static List<KeyValuePair<string, string>> For(string webhookId, long timestamp, byte[] body, IReadOnlyList<string> secrets) =>
    [
        new("User-Agent", UserAgent),
        new("X-Sentinel-Signature", Signatures.Sha256Header(secrets[0], body)),
        new("X-Sentinel-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("webhook-id", webhookId),
        new("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("webhook-signature", string.Join(' ', secrets.Select(s => StandardWebhooks.Sign(s, webhookId, timestamp, body)))),
    ];
}
