using System.Security.Cryptography;
using System.Text;

namespace Integrations.Testing;

/// <summary>
/// A receiver's check of both signature schemes, written from their specs rather than with the app's signer:
/// <c>sha256=</c> hex HMAC of the raw body keyed with the secret's UTF-8; Standard Webhooks <c>v1,</c> base64 HMAC
/// of <c>{id}.{timestamp}.{body}</c> keyed with the base64-decoded part after <c>whsec_</c>.
/// </summary>
public static class ReceiverSignatures
{
    public static bool SentinelValid(string? header, byte[] body, IReadOnlyList<string> secrets) =>
        header is not null && secrets.Any(secret => FixedEquals(header,
            "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body))));

    /// <summary>True when every secret has its signature among the space-separated <c>v1,…</c> ones.</summary>
    public static bool StandardValid(string? header, string? id, string? timestamp, byte[] body, IReadOnlyList<string> secrets)
    {
        if (header is null || id is null || timestamp is null)
        {
            return false;
        }

        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        var sent = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return secrets.All(secret =>
        {
            var key = Convert.FromBase64String(secret["whsec_".Length..]);
            var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
            return sent.Any(s => FixedEquals(s, expected));
        });
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
