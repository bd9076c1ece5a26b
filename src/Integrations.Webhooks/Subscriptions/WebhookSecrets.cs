using Microsoft.AspNetCore.DataProtection;

namespace Integrations.Webhooks.Subscriptions;

/// <summary>
/// Signing secrets at rest: protected with Data Protection (keys persist in the database), so they can be
/// recovered to sign but a database dump alone does not reveal them. Never log what this returns.
/// </summary>
internal sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    public const string Purpose = "Sentinel.Webhooks.Secrets";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string ciphertext) => protector.Unprotect(ciphertext);

    /// <summary>The secrets that sign a delivery now: the current one first, then the previous one during a rotation.</summary>
    public IReadOnlyList<string> SigningSecrets(WebhookSubscription subscription, DateTimeOffset now) =>
        subscription is { PreviousSecretCiphertext: { } previous, PreviousSecretExpiresAt: { } expires } && expires > now
            ? [Unprotect(subscription.SecretCiphertext), Unprotect(previous)]
            : [Unprotect(subscription.SecretCiphertext)];
}
