using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using Integrations.Platform.Signing;

namespace Integrations.Apps.Providers.Calendly;

/// <summary>
/// Calendly's <c>Calendly-Webhook-Signature: t={unix seconds},v1={hex}</c>: the HMAC-SHA256 of <c>{t}.{raw body}</c>
/// keyed with the subscription's signing key. A <c>t</c> more than three minutes from now is refused, so a captured
/// delivery cannot be sent again later.
/// </summary>
internal sealed class CalendlySignature
{
    public const string Header = "Calendly-Webhook-Signature";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(3);

    private readonly string signedPrefix;
    private readonly byte[] given;

    private CalendlySignature(string timestamp, byte[] given)
    {
        signedPrefix = timestamp + ".";
        this.given = given;
    }

    /// <summary>The request's signature, or why there is none to check (for the 401).</summary>
    public static bool TryRead(string? header, DateTimeOffset now,
        [NotNullWhen(true)] out CalendlySignature? signature, [NotNullWhen(false)] out string? refusal)
    {
        signature = null;
        var parts = (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        var timestamp = parts.GetValueOrDefault("t");
        var v1 = parts.GetValueOrDefault("v1");
        refusal = (timestamp, v1) switch
        {
            (null, _) or (_, null) => $"The {Header} header with t= and v1= is required.",
            _ when !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                   || Math.Abs(now.ToUnixTimeSeconds() - seconds) > Tolerance.TotalSeconds =>
                $"The {Header} timestamp is more than three minutes from now.",
            _ when v1.Length != 64 || !v1.All(char.IsAsciiHexDigit) => $"The {Header} v1 is not 64 hex digits.",
            _ => null,
        };
        if (refusal is not null)
        {
            return false;
        }

        signature = new CalendlySignature(timestamp!, Convert.FromHexString(v1!));
        return true;
    }

    /// <summary>Whether <paramref name="key"/> signed <paramref name="body"/> (in constant time).</summary>
    public bool SignedWith(string key, byte[] body) =>
        CryptographicOperations.FixedTimeEquals(Signatures.HmacSha256(key, signedPrefix, body), given);
}
