namespace Integrations.Inbound.Sources.Verification;

/// <summary>
/// How a source checks that a request came from the system it trusts. <c>Header</c>, <c>Encoding</c> and <c>Prefix</c>
/// are for <c>hmac</c> (and <c>Header</c> for <c>api_key</c>); <c>Username</c> for <c>basic</c>.
/// </summary>
public sealed record VerificationSettings(
    string Method, string? Header = null, string? Encoding = null, string? Prefix = null, string? Username = null);

internal static class VerificationMethods
{
    /// <summary>HMAC-SHA256 of the raw body in a header, hex or base64, optionally after a prefix such as <c>sha256=</c>.</summary>
    public const string Hmac = "hmac";

    /// <summary><c>Stripe-Signature: t=…,v1=…</c> over <c>{t}.{body}</c>, 5-minute tolerance.</summary>
    public const string Stripe = "stripe";

    /// <summary><c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature: v1,…</c> (also Sentinel's own webhooks).</summary>
    public const string StandardWebhooks = "standard_webhooks";

    /// <summary>A shared key in a header.</summary>
    public const string ApiKey = "api_key";

    /// <summary>HTTP Basic with a username and the secret as password.</summary>
    public const string Basic = "basic";

    public static IReadOnlyList<string> All { get; } = [Hmac, Stripe, StandardWebhooks, ApiKey, Basic];

    /// <summary>Whether the method signs a timestamp (and id), so an old request cannot be replayed as a new one.</summary>
    public static bool SignsTimestamp(string method) => method is Stripe or StandardWebhooks;

    public const string Hex = "hex";
    public const string Base64 = "base64";
}
