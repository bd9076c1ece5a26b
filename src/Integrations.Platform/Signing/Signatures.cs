using System.Security.Cryptography;
using System.Text;

namespace Integrations.Platform.Signing;

/// <summary>
/// HMAC-SHA256 the way webhook senders sign (Sentinel, Shopify, GitHub, Stripe, Standard Webhooks, Meta, Slack, Zoom):
/// over an optional text prefix and the raw body, and the constant-time comparisons that check such signatures.
/// </summary>
public static class Signatures
{
    /// <summary>HMAC-SHA256 of <paramref name="prefix"/> (UTF-8) followed by <paramref name="body"/>.</summary>
    public static byte[] HmacSha256(ReadOnlySpan<byte> key, string prefix, ReadOnlySpan<byte> body)
    {
        if (prefix.Length == 0)
        {
            return HMACSHA256.HashData(key, body);
        }

        var head = Encoding.UTF8.GetBytes(prefix);
        var signed = new byte[head.Length + body.Length];
        head.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(head.Length));
        return HMACSHA256.HashData(key, signed);
    }

    /// <summary>The same, keyed with the UTF-8 bytes of a secret string (what most senders do).</summary>
    public static byte[] HmacSha256(string secret, string prefix, ReadOnlySpan<byte> body) =>
        HmacSha256(Encoding.UTF8.GetBytes(secret), prefix, body);

    /// <summary><c>sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the raw body keyed with the secret's UTF-8 bytes: Sentinel's
    /// own <c>X-Sentinel-Signature</c>, and the form GitHub's and Meta's <c>X-Hub-Signature-256</c> take.</summary>
    public static string Sha256Header(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HmacSha256(secret, "", body));

    /// <summary>
    /// Whether two strings are equal, in time that depends on neither their contents nor their lengths (both are
    /// hashed first): for secrets, keys and signatures given in headers.
    /// </summary>
    public static bool SameText(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
