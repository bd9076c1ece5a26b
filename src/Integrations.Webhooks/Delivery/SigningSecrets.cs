using Integrations.Webhooks.Subscriptions;
using Microsoft.AspNetCore.DataProtection;

namespace Integrations.Webhooks.Delivery;

/// <summary>The secrets that sign a subscription's deliveries now: the current one, and during a rotation the previous.</summary>
internal interface ISigningSecrets
{
    IReadOnlyList<string> SigningSecrets(WebhookSubscription subscription, DateTimeOffset now);
}

/// <summary>
/// Stand-in until the subscriptions feature's <c>WebhookSecrets</c> lands: same Data Protection purpose, so the
/// ciphertexts it writes are the ones this reads. Replace the registration with theirs on merge.
/// </summary>
internal sealed class DataProtectionSigningSecrets(IDataProtectionProvider provider) : ISigningSecrets
{
    public const string Purpose = "Sentinel.Webhooks.Secrets";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public IReadOnlyList<string> SigningSecrets(WebhookSubscription subscription, DateTimeOffset now) =>
        subscription.PreviousSecretCiphertext is { } previous && subscription.PreviousSecretExpiresAt > now
            ? [protector.Unprotect(subscription.SecretCiphertext), protector.Unprotect(previous)]
            : [protector.Unprotect(subscription.SecretCiphertext)];
}
