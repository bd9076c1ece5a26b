using Integrations.Webhooks.Subscriptions;
using Microsoft.AspNetCore.DataProtection;

namespace Integrations.Tests.Webhooks;

public sealed class WebhookSecretsTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 15, 10, 0, 0, TimeSpan.Zero);
    private readonly WebhookSecrets secrets = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void SigningSecrets_AreCurrentThenPrevious_WhilePreviousHasNotExpired()
    {
        var subscription = Subscription("whsec_new", "whsec_old", Now.AddSeconds(1));

        Assert.Equal(["whsec_new", "whsec_old"], secrets.SigningSecrets(subscription, Now));
    }

    [Fact]
    public void SigningSecrets_AreOnlyCurrent_WhenPreviousHasExpiredOrThereIsNone()
    {
        Assert.Equal(["whsec_new"], secrets.SigningSecrets(Subscription("whsec_new", "whsec_old", Now), Now));
        Assert.Equal(["whsec_new"], secrets.SigningSecrets(Subscription("whsec_new", null, null), Now));
    }

    [Fact]
    public void Protect_IsNotThePlaintext_AndUnprotectsToIt()
    {
        var ciphertext = secrets.Protect("whsec_plain");

        Assert.DoesNotContain("whsec_plain", ciphertext, StringComparison.Ordinal);
        Assert.Equal("whsec_plain", secrets.Unprotect(ciphertext));
    }

    private WebhookSubscription Subscription(string current, string? previous, DateTimeOffset? previousExpiresAt) => new()
    {
        Name = "test",
        Url = "https://receiver.example/hook",
        Events = ["invoice.paid"],
        SecretCiphertext = secrets.Protect(current),
        PreviousSecretCiphertext = previous is null ? null : secrets.Protect(previous),
        PreviousSecretExpiresAt = previousExpiresAt,
    };
}
