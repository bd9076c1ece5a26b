using System.Security.Cryptography;
using Integrations.Platform.Signing;

namespace Integrations.Apps.Triggers.WhatsApp;

/// <summary>Meta's webhook signature: <c>X-Hub-Signature-256: sha256=</c> + the hex HMAC-SHA256 of the raw body keyed
/// with the Meta app's secret.</summary>
internal sealed class WhatsAppSignature
{
    public const string Header = "X-Hub-Signature-256";

    private readonly byte[] given;

    private WhatsAppSignature(byte[] given) => this.given = given;

    /// <summary>The header's signature, or null when it is missing or not <c>sha256=</c> and 64 hex digits.</summary>
    public static WhatsAppSignature? Read(string header) =>
        header.StartsWith("sha256=", StringComparison.Ordinal) && header.Length == 7 + 64 && header[7..].All(char.IsAsciiHexDigit)
            ? new WhatsAppSignature(Convert.FromHexString(header.AsSpan(7)))
            : null;

    /// <summary>Whether <paramref name="secret"/> signed <paramref name="body"/> (in constant time).</summary>
    public bool SignedWith(string secret, byte[] body) =>
        CryptographicOperations.FixedTimeEquals(Signatures.HmacSha256(secret, "", body), given);
}
