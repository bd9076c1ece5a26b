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
    /// Outside development the app refuses to start without one, unless
    /// <c>Sentinel:DataProtection:AllowUnprotectedKeys=true</c> says that a readable key ring is a choice.
    /// </summary>
    public static IServiceCollection AddSecretsProtection(this IServiceCollection services, IConfiguration config, IHostEnvironment host)
    {
        var certificate = config["Sentinel:DataProtection:CertificatePath"];
        if (string.IsNullOrEmpty(certificate) && !host.IsDevelopment() && !config.GetValue("Sentinel:DataProtection:AllowUnprotectedKeys", false))
        {
            throw new InvalidOperationException(
                "The Data Protection key ring, which decrypts every stored secret, would be stored unencrypted in the database. "
                + "Set Sentinel:DataProtection:CertificatePath (and CertificatePassword) to a .pfx that encrypts it, or set "
                + "Sentinel:DataProtection:AllowUnprotectedKeys=true to run without (a dump of the database then reveals the secrets).");
        }

        var protection = services.AddDataProtection()
            .PersistKeysToDbContext<IntegrationsDbContext>()
            .SetApplicationName("sentinel-integrations");
        if (!string.IsNullOrEmpty(certificate))
        {
            protection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(certificate, config["Sentinel:DataProtection:CertificatePassword"]));
        }

        return services;
    }
}
