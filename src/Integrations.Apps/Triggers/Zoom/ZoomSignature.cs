using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Integrations.Platform.Signing;
using Microsoft.AspNetCore.Http;

namespace Integrations.Apps.Triggers.Zoom;

/// <summary>
/// Zoom's webhook signature: <c>x-zm-signature: v0=</c> + the hex HMAC-SHA256 of
/// <c>v0:{x-zm-request-timestamp}:{raw body}</c>, keyed with the app's Secret Token. A timestamp more than five minutes
/// from now is refused, so a captured request cannot be sent again later.
/// </summary>
internal sealed class ZoomSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly string signedPrefix;
    private readonly byte[] given;

    private ZoomSignature(string timestamp, byte[] given)
    {
        signedPrefix = $"v0:{timestamp}:";
        this.given = given;
    }

    /// <summary>The request's signature, or why there is none to check (for the 401; never an expected value).</summary>
    public static bool TryRead(IHeaderDictionary headers, DateTimeOffset now,
        [NotNullWhen(true)] out ZoomSignature? signature, [NotNullWhen(false)] out string? refusal)
    {
        signature = null;
        var timestamp = headers["x-zm-request-timestamp"].ToString();
        var header = headers["x-zm-signature"].ToString();
        refusal = (timestamp.Length, header.Length) switch
        {
            (0, _) or (_, 0) => "The x-zm-request-timestamp and x-zm-signature headers are required.",
            _ when !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                   || Math.Abs(now.ToUnixTimeSeconds() - seconds) > Tolerance.TotalSeconds =>
                "The x-zm-request-timestamp is more than five minutes from now.",
            _ when !header.StartsWith("v0=", StringComparison.Ordinal) || header.Length != 3 + 64 || !header[3..].All(char.IsAsciiHexDigit) =>
                "The x-zm-signature is not v0= and 64 hex digits.",
            _ => null,
        };
        if (refusal is not null)
        {
            return false;
        }

        signature = new ZoomSignature(timestamp, Convert.FromHexString(header.AsSpan(3)));
        return true;
    }

    /// <summary>Whether <paramref name="secretToken"/> signed <paramref name="body"/> (in constant time).</summary>
    public bool SignedWith(string secretToken, byte[] body) =>
        CryptographicOperations.FixedTimeEquals(Signatures.HmacSha256(secretToken, signedPrefix, body), given);

    /// <summary>The <c>encryptedToken</c> of an <c>endpoint.url_validation</c>: the hex HMAC-SHA256 of the plain token.</summary>
    public static string Encrypt(string secretToken, string plainToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretToken), Encoding.UTF8.GetBytes(plainToken)));
}
