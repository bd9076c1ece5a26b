using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Integrations.Platform.Signing;
using Microsoft.AspNetCore.Http;

namespace Integrations.Inbound.Sources.Verification;

/// <summary>
/// Checks a request against its source's method, over the raw body, before anything is parsed. Every comparison is
/// constant-time. Returns null when verified, else why not (for the 401; never the expected value).
/// </summary>
internal static class RequestVerifier
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string? Check(VerificationSettings settings, string secret, IHeaderDictionary headers, byte[] body, DateTimeOffset now) =>
        settings.Method switch
        {
            VerificationMethods.Hmac => Hmac(settings, secret, headers, body),
            VerificationMethods.Stripe => Stripe(secret, headers, body, now),
            VerificationMethods.StandardWebhooks => Standard(secret, headers, body, now),
            VerificationMethods.ApiKey => Signatures.SameText(headers[settings.Header!].ToString(), secret)
                ? null : $"The {settings.Header} header does not hold this source's key.",
            VerificationMethods.Basic => Basic(settings.Username!, secret, headers),
            _ => "This source has no verification method.",
        };

    private static string? Hmac(VerificationSettings settings, string secret, IHeaderDictionary headers, byte[] body)
    {
        var given = headers[settings.Header!].ToString().Trim();
        if (given.Length == 0)
        {
            return $"The {settings.Header} header is missing.";
        }

        if (!string.IsNullOrEmpty(settings.Prefix) && given.StartsWith(settings.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            given = given[settings.Prefix.Length..];
        }

        var expected = Signatures.HmacSha256(secret, "", body);
        return Decode(given, settings.Encoding) is { } signature && CryptographicOperations.FixedTimeEquals(signature, expected)
            ? null
            : $"The {settings.Header} signature does not match the body.";
    }

    private static string? Stripe(string secret, IHeaderDictionary headers, byte[] body, DateTimeOffset now)
    {
        var parts = headers["Stripe-Signature"].ToString().Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
        var timestamp = parts.FirstOrDefault(p => p[0] == "t")?[1];
        if (timestamp is null || parts.All(p => p[0] != "v1"))
        {
            return "The Stripe-Signature header is missing or has no t= and v1= parts.";
        }

        if (Stale(timestamp, now) is { } stale)
        {
            return stale;
        }

        var expected = Signatures.HmacSha256(secret, $"{timestamp}.", body);
        var matched = false;
        foreach (var part in parts.Where(p => p[0] == "v1"))
        {
            matched |= Decode(part[1], VerificationMethods.Hex) is { } signature && CryptographicOperations.FixedTimeEquals(signature, expected);
        }

        return matched ? null : "No v1 signature in Stripe-Signature matches the body.";
    }

    private static string? Standard(string secret, IHeaderDictionary headers, byte[] body, DateTimeOffset now)
    {
        var id = headers["webhook-id"].ToString();
        var timestamp = headers["webhook-timestamp"].ToString();
        var signatures = headers["webhook-signature"].ToString();
        if (id.Length == 0 || timestamp.Length == 0 || signatures.Length == 0)
        {
            return "The webhook-id, webhook-timestamp and webhook-signature headers are required.";
        }

        if (Stale(timestamp, now) is { } stale)
        {
            return stale;
        }

        return StandardWebhooks.Verify(secret, id, long.Parse(timestamp, CultureInfo.InvariantCulture), body, signatures)
            ? null : "No signature in webhook-signature matches the body.";
    }

    private static string? Basic(string username, string secret, IHeaderDictionary headers)
    {
        var header = headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return "HTTP Basic credentials are required.";
        }

        var given = Decode(header["Basic ".Length..].Trim(), VerificationMethods.Base64);
        return given is not null && Signatures.SameText(Encoding.UTF8.GetString(given), $"{username}:{secret}")
            ? null
            : "The HTTP Basic credentials are not this source's.";
    }

    private static string? Stale(string timestamp, DateTimeOffset now) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && Math.Abs(now.ToUnixTimeSeconds() - seconds) <= Tolerance.TotalSeconds
            ? null
            : "The signed timestamp is more than 5 minutes from now; the request may be a replay.";

    private static byte[]? Decode(string text, string? encoding)
    {
        try
        {
            return encoding == VerificationMethods.Base64 ? Convert.FromBase64String(text) : Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
