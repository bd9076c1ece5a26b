using System.Security.Cryptography;
using System.Text;

namespace Integrations.Webhooks.Signing;

/// <summary>
/// Both signature schemes every delivery carries. Sentinel's own: <c>X-Sentinel-Signature: sha256=&lt;hex&gt;</c>, the
/// HMAC-SHA256 of the raw body keyed with the secret string's UTF-8 bytes. Standard Webhooks: <c>webhook-signature:
/// v1,&lt;base64&gt;</c> over <c>{id}.{timestamp}.{body}</c>, keyed with the base64 part of a <c>whsec_</c> secret.
/// </summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: <c>whsec_</c> and the base64 of 48 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    public static string SentinelSignature(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static string StandardSignature(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(StandardKey(secret), signed));
    }

    /// <summary>The Standard Webhooks key: the bytes after <c>whsec_</c> when they are base64, else the UTF-8 of the secret.</summary>
    public static byte[] StandardKey(string secret)
    {
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var buffer = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, buffer, out var written) && written > 0
            ? buffer[..written]
            : Encoding.UTF8.GetBytes(secret);
    }
}
