using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Integrations.ApiKeys.Keys;

/// <summary>
/// The shape of a key: <c>sk_</c> and 64 lowercase hex characters. The first 56 are random (224 bits from a CSPRNG);
/// the last 8 are the CRC-32 (IEEE, as zlib's <c>crc32</c>) of those 56 characters' ASCII, in hex, so a typo or a
/// truncated paste is refused without a lookup, and a secret scanner can tell our keys from other hex. Keys issued
/// before the checksum are 64 random hex characters; they keep working (see <c>LegacyKeys</c>).
/// </summary>
internal static class KeyFormat
{
    public const string Prefix = "sk_";
    public const int SecretHexLength = 64;
    public const int Length = 3 + SecretHexLength;
    private const int RandomHexLength = 56;

    // Enough to tell keys apart on a page; 32 of the 224 random bits reveal nothing useful about the rest.
    private const int DisplayLength = 3 + 8;

    public static string NewKey()
    {
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomHexLength / 2));
        return Prefix + random + Checksum(random);
    }

    public static bool IsWellFormed(ReadOnlySpan<char> key)
    {
        if (key.Length != Length || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in key[Prefix.Length..])
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a well-formed key's last 8 characters are the checksum of the 56 before them.</summary>
    public static bool HasValidChecksum(ReadOnlySpan<char> key) =>
        key[(Length - 8)..].SequenceEqual(Checksum(key.Slice(Prefix.Length, RandomHexLength)));

    public static byte[] Hash(ReadOnlySpan<char> key)
    {
        Span<byte> ascii = stackalloc byte[Length];
        var written = Encoding.ASCII.GetBytes(key, ascii);
        return SHA256.HashData(ascii[..written]);
    }

    public static string DisplayPrefix(string key) => key[..DisplayLength];

    public static string Masked(string displayPrefix) => displayPrefix + "••••••••";

    private static string Checksum(ReadOnlySpan<char> randomHex)
    {
        Span<byte> ascii = stackalloc byte[RandomHexLength];
        Encoding.ASCII.GetBytes(randomHex, ascii);
        return Crc32.HashToUInt32(ascii).ToString("x8", CultureInfo.InvariantCulture);
    }
}
