using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using Integrations.Platform.Signing;
using Microsoft.AspNetCore.Http;

namespace Integrations.Apps.Triggers.Slack;

/// <summary>
/// Slack's <c>v0</c> request signature: <c>X-Slack-Signature: v0=</c> + the hex HMAC-SHA256 of
/// <c>v0:{X-Slack-Request-Timestamp}:{raw body}</c>, keyed with the Slack app's signing secret. A timestamp more than
/// five minutes from now is refused, so a captured request cannot be sent again later.
/// </summary>
internal sealed class SlackSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private readonly string signedPrefix;
    private readonly byte[] given;

    private SlackSignature(string timestamp, byte[] given)
    {
        signedPrefix = $"v0:{timestamp}:";
        this.given = given;
    }

    /// <summary>The request's signature, or why there is none to check (for the 401; never an expected value).</summary>
    public static bool TryRead(IHeaderDictionary headers, DateTimeOffset now,
        [NotNullWhen(true)] out SlackSignature? signature, [NotNullWhen(false)] out string? refusal)
    {
        signature = null;
        var timestamp = headers["X-Slack-Request-Timestamp"].ToString();
        var header = headers["X-Slack-Signature"].ToString();
        refusal = (timestamp.Length, header.Length) switch
        {
            (0, _) or (_, 0) => "The X-Slack-Request-Timestamp and X-Slack-Signature headers are required.",
            _ when !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                   || Math.Abs(now.ToUnixTimeSeconds() - seconds) > Tolerance.TotalSeconds =>
                "The X-Slack-Request-Timestamp is more than five minutes from now.",
            _ when !header.StartsWith("v0=", StringComparison.Ordinal) || header.Length != 3 + 64 || !header[3..].All(char.IsAsciiHexDigit) =>
                "The X-Slack-Signature is not v0= and 64 hex digits.",
            _ => null,
        };
        if (refusal is not null)
        {
            return false;
        }

        signature = new SlackSignature(timestamp, Convert.FromHexString(header.AsSpan(3)));
        return true;
    }

    /// <summary>Whether <paramref name="secret"/> signed <paramref name="body"/> (in constant time).</summary>
    public bool SignedWith(string secret, byte[] body) =>
        CryptographicOperations.FixedTimeEquals(Signatures.HmacSha256(secret, signedPrefix, body), given);
}
