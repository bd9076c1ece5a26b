namespace Integrations.Inbound.Sources.Verification;

/// <summary>How a well-known sender signs, and where it puts its delivery id.</summary>
public sealed record VerificationPreset(string Name, string Label, VerificationSettings Settings, string? IdempotencyHeader,
    string? IdempotencyPath)
{
    public static IReadOnlyList<VerificationPreset> All { get; } =
    [
        new("shopify", "Shopify", new(VerificationMethods.Hmac, "X-Shopify-Hmac-SHA256", VerificationMethods.Base64), "X-Shopify-Webhook-Id", null),
        new("github", "GitHub", new(VerificationMethods.Hmac, "X-Hub-Signature-256", VerificationMethods.Hex, "sha256="), "X-GitHub-Delivery", null),
        new("stripe", "Stripe", new(VerificationMethods.Stripe), null, "$.id"),
        new("standard_webhooks", "Standard Webhooks (and Sentinel)", new(VerificationMethods.StandardWebhooks), "webhook-id", null),
        new("api_key", "Shared API key", new(VerificationMethods.ApiKey, "X-Api-Key"), null, null),
        new("basic", "HTTP Basic", new(VerificationMethods.Basic, Username: "sender"), null, null),
        new("hmac", "Custom HMAC-SHA256", new(VerificationMethods.Hmac, "X-Signature", VerificationMethods.Hex), null, null),
    ];

    public static VerificationPreset? Find(string? name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
