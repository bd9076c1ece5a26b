using Microsoft.AspNetCore.DataProtection;

namespace Integrations.Automation.Workflows;

/// <summary>Workflows' signing secrets at rest, protected with Data Protection. Never log what this returns.</summary>
internal sealed class WorkflowSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Sentinel.Automation.Secrets");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string ciphertext) => protector.Unprotect(ciphertext);
}
