using Integrations.Platform.Signing;

namespace Integrations.Webhooks.Dispatch;

/// <summary>
/// Sentinel's own signature, which every delivery carries beside the Standard Webhooks one
/// (<see cref="StandardWebhooks"/>): <c>X-Sentinel-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the raw body
/// keyed with the secret string's UTF-8 bytes.
/// </summary>
internal static class WebhookSigner
{
    public static string SentinelSignature(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(Signatures.HmacSha256(secret, "", body));
}
