using System.Security.Cryptography;
using System.Text;

namespace Integrations.IntegrationTests.Inbound.Sources;

/// <summary>Each provider's signature computed the way its documentation says, independently of the app's verifier.</summary>
internal static class Signatures
{
    /// <summary>Shopify: base64 of HMAC-SHA256 over the raw body, keyed with the app secret's UTF-8 bytes.</summary>
    public static string Shopify(string secret, string body) => Convert.ToBase64String(Hmac(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>GitHub: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the body.</summary>
    public static string GitHub(string secret, string body) => "sha256=" + Convert.ToHexStringLower(Hmac(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Stripe: <c>t={unix},v1={hex HMAC of "{t}.{body}"}</c>, keyed with the whole <c>whsec_…</c> string.</summary>
    public static string Stripe(string secret, string body, long timestamp) =>
        $"t={timestamp},v1={Convert.ToHexStringLower(Hmac(Encoding.UTF8.GetBytes(secret), $"{timestamp}.{body}"))}";

    /// <summary>Standard Webhooks: <c>v1,{base64 HMAC of "{id}.{ts}.{body}"}</c>, keyed with the base64-decoded secret after <c>whsec_</c>.</summary>
    public static string Standard(string secret, string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(Hmac(Convert.FromBase64String(secret["whsec_".Length..]), $"{id}.{timestamp}.{body}"));

    public static string Basic(string username, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));

    private static byte[] Hmac(byte[] key, string message)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(Encoding.UTF8.GetBytes(message));
    }
}
