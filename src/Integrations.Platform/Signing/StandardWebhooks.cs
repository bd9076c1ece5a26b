using System.Security.Cryptography;
using System.Text;

namespace Integrations.Platform.Signing;

/// <summary>
/// The <see href="https://www.standardwebhooks.com">Standard Webhooks</see> scheme, which Sentinel's own deliveries use
/// and inbound sources verify: <c>webhook-signature: v1,&lt;base64&gt;</c>, the HMAC-SHA256 of
/// <c>{id}.{timestamp}.{body}</c> keyed with the base64 part of a <c>whsec_</c> secret.
/// </summary>
public static class StandardWebhooks
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: <c>whsec_</c> and the base64 of 48 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    /// <summary>The <c>v1,…</c> signature of one message.</summary>
    public static string Sign(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Signatures.HmacSha256(Key(secret), $"{webhookId}.{timestamp}.", body));

    /// <summary>Whether one of the space-separated <paramref name="signatures"/> is the message's, in constant time.</summary>
    public static bool Verify(string secret, string webhookId, long timestamp, ReadOnlySpan<byte> body, string signatures)
    {
        var expected = Encoding.UTF8.GetBytes(Sign(secret, webhookId, timestamp, body));
        var matched = false;
        foreach (var signature in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            matched |= CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(signature), expected);
        }

        return matched;
    }

    /// <summary>The key: the bytes after <c>whsec_</c> when they are base64, else the UTF-8 of the secret.</summary>
    public static byte[] Key(string secret)
    {
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var buffer = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, buffer, out var written) && written > 0
            ? buffer[..written]
            : Encoding.UTF8.GetBytes(secret);
    }
}
