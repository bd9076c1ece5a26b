using Microsoft.AspNetCore.DataProtection;

namespace Integrations.Apps.Security;

/// <summary>
/// Secrets of connected apps at rest (OAuth client secrets, and the connections' tokens): protected with Data
/// Protection, whose keys persist in the database. Never log or audit what this returns.
/// </summary>
internal sealed class AppSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Sentinel.Apps.Secrets");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string ciphertext) => protector.Unprotect(ciphertext);
}
