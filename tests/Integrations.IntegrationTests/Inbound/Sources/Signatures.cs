using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Integrations.IntegrationTests.Inbound.Sources;

/// <summary>Each provider's signature computed the way its documentation says, independently of the app's verifier.</summary>
internal static class Signatures
{
    /// <summary>Shopify: base64 of HMAC-SHA256 over the raw body, keyed with the app secret's UTF-8 bytes.</summary>
    public static string Shopify(string secret, string body) => Convert.ToBase64String(Hmac(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>GitHub: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the body.</summary>
    public static string GitHub(string secret, string body) => "sha256=" + Hex(secret, body);

    /// <summary>A custom HMAC source's default: the lowercase hex HMAC-SHA256 of the body, no prefix.</summary>
    public static string Hex(string secret, string body) => Convert.ToHexStringLower(Hmac(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Stripe: <c>t={unix},v1={hex HMAC of "{t}.{body}"}</c>, keyed with the whole <c>whsec_…</c> string.</summary>
    public static string Stripe(string secret, string body, long timestamp) =>
        $"t={timestamp},v1={Convert.ToHexStringLower(Hmac(Encoding.UTF8.GetBytes(secret), $"{timestamp}.{body}"))}";

    /// <summary>Standard Webhooks: <c>v1,{base64 HMAC of "{id}.{ts}.{body}"}</c>, keyed with the base64-decoded secret after <c>whsec_</c>.</summary>
    public static string Standard(string secret, string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(Hmac(Convert.FromBase64String(secret["whsec_".Length..]), $"{id}.{timestamp}.{body}"));

    /// <summary>
    /// What <paramref name="preset"/>'s sender sends with <paramref name="body"/>, signed at <paramref name="at"/> (unix seconds),
    /// with <paramref name="delivery"/> in the provider's own delivery id header when it has one and it is given.
    /// </summary>
    public static Dictionary<string, string> Headers(string preset, string secret, string body, long at, string? delivery)
    {
        Dictionary<string, string> headers = preset switch
        {
            "shopify" => new() { ["X-Shopify-Hmac-SHA256"] = Shopify(secret, body), ["X-Shopify-Topic"] = "customers/create" },
            "github" => new() { ["X-Hub-Signature-256"] = GitHub(secret, body), ["X-GitHub-Event"] = "ping" },
            "stripe" => new() { ["Stripe-Signature"] = Stripe(secret, body, at) },
            "standard_webhooks" => new()
            {
                ["webhook-id"] = $"msg_{delivery}", ["webhook-timestamp"] = at.ToString(CultureInfo.InvariantCulture),
                ["webhook-signature"] = Standard(secret, $"msg_{delivery}", at, body),
            },
            "api_key" => new() { ["X-Api-Key"] = secret },
            "basic" => new() { ["Authorization"] = Basic("sender", secret) },
            "hmac" => new() { ["X-Signature"] = Hex(secret, body) },
            _ => throw new ArgumentOutOfRangeException(nameof(preset)),
        };
        if (delivery is not null && DeliveryHeader(preset) is { } name)
        {
            headers[name] = delivery;
        }

        return headers;
    }

    /// <summary>Where the preset's provider puts its delivery id, when in a header of its own.</summary>
    public static string? DeliveryHeader(string preset) => preset switch
    {
        "shopify" => "X-Shopify-Webhook-Id",
        "github" => "X-GitHub-Delivery",
        _ => null,
    };

    public static string Basic(string username, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));

    private static byte[] Hmac(byte[] key, string message)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(Encoding.UTF8.GetBytes(message));
    }
}
