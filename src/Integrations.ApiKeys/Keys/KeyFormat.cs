using System.Security.Cryptography;
using System.Text;

namespace Integrations.ApiKeys.Keys;

/// <summary>The shape of a key: <c>sk_</c> and 64 lowercase hex characters (256 bits from a CSPRNG).</summary>
internal static class KeyFormat
{
    public const string Prefix = "sk_";
    public const int SecretHexLength = 64;
    public const int Length = 3 + SecretHexLength;

    // Enough to tell keys apart on a page; 32 of 256 bits reveal nothing useful about the rest.
    private const int DisplayLength = 3 + 8;

    public static string NewKey() =>
        Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretHexLength / 2));

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

    public static byte[] Hash(ReadOnlySpan<char> key)
    {
        Span<byte> ascii = stackalloc byte[Length];
        var written = Encoding.ASCII.GetBytes(key, ascii);
        return SHA256.HashData(ascii[..written]);
    }

    public static string DisplayPrefix(string key) => key[..DisplayLength];

    public static string Masked(string displayPrefix) => displayPrefix + "••••••••";
}
