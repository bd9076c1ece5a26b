using System.Security.Cryptography.X509Certificates;
using Integrations.Platform.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Integrations.Web.Hosting;

internal static class SecretsProtection
{
    /// <summary>
    /// Data Protection protects webhook and connector secrets, cookies and antiforgery tokens. Its key ring lives in
    /// the database, next to the secrets it protects, so production should encrypt the ring itself with a certificate:
    /// <c>Sentinel:DataProtection:CertificatePath</c> (a .pfx) and <c>Sentinel:DataProtection:CertificatePassword</c>.
    /// </summary>
    public static IServiceCollection AddSecretsProtection(this IServiceCollection services, IConfiguration config)
    {
        var protection = services.AddDataProtection()
            .PersistKeysToDbContext<IntegrationsDbContext>()
            .SetApplicationName("sentinel-integrations");
        if (config["Sentinel:DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            protection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(path, config["Sentinel:DataProtection:CertificatePassword"]));
        }

        return services;
    }
}
