using Microsoft.AspNetCore.DataProtection;

namespace Integrations.Inbound.Security;

/// <summary>
/// Secrets of inbound integrations at rest (a source's signing secret or expected key, a connector's credentials):
/// protected with Data Protection, whose keys persist in the database. Never log or audit what this returns.
/// </summary>
internal sealed class InboundSecrets(IDataProtectionProvider provider)
{
    public const string Purpose = "Sentinel.Inbound.Secrets";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string ciphertext) => protector.Unprotect(ciphertext);
}
