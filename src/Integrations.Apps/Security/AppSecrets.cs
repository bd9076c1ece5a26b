using System.Security.Cryptography;
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

    /// <summary>The secret, or null when there is none or it can no longer be read (its Data Protection key is gone, or
    /// the ciphertext was damaged): the caller treats it as missing.</summary>
    public string? TryUnprotect(string? ciphertext)
    {
        try
        {
            return string.IsNullOrEmpty(ciphertext) ? null : protector.Unprotect(ciphertext);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
