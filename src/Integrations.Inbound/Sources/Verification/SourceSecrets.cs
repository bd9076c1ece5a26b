using System.Security.Cryptography;
using Integrations.Platform.Signing;

namespace Integrations.Inbound.Sources.Verification;

internal static class SourceSecrets
{
    /// <summary>A new secret in the form the method's senders expect: <c>whsec_…</c> for Standard Webhooks, hex otherwise.</summary>
    public static string Generate(string method) => method == VerificationMethods.StandardWebhooks
        ? StandardWebhooks.NewSecret()
        : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
