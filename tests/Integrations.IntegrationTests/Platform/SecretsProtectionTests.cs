using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Integrations.Platform.Data;
using Integrations.Testing;
using Integrations.Webhooks.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Platform;

public sealed class SecretsProtectionTests(SecretsProtectionTests.App app) : IClassFixture<SecretsProtectionTests.App>
{
    /// <summary>The app with a certificate for its Data Protection key ring, as production should run.</summary>
    public sealed class App : SentinelApp
    {
        private readonly string pfx = Path.Combine(Path.GetTempPath(), $"sentinel-dp-{Guid.NewGuid():N}.pfx");

        public App()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=Sentinel test key ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "test-password"));
        }

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Sentinel:DataProtection:CertificatePath"] = pfx,
            ["Sentinel:DataProtection:CertificatePassword"] = "test-password",
        };

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task KeyRing_IsStoredEncrypted_WhenACertificateIsConfigured()
    {
        await using var scope = app.Scope();
        var secrets = scope.ServiceProvider.GetRequiredService<WebhookSecrets>();

        var ciphertext = secrets.Protect("whsec_dGVzdA==");
        var ring = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().DataProtectionKeys
            .Select(k => k.Xml).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal("whsec_dGVzdA==", secrets.Unprotect(ciphertext));
        Assert.NotEmpty(ring);
        Assert.All(ring, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("unencrypted form", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task App_RefusesToStart_WithAnUnprotectedKeyRing_UnlessThatIsAllowedOutright()
    {
        await using var unprotected = new UnprotectedApp();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => unprotected.InitializeAsync().AsTask());

        Assert.Contains("Sentinel:DataProtection:AllowUnprotectedKeys=true", Innermost(refused).Message, StringComparison.Ordinal);
    }

    private static Exception Innermost(Exception error) => error.InnerException is { } inner ? Innermost(inner) : error;

    /// <summary>The app outside development with no certificate and the allowance taken back.</summary>
    private sealed class UnprotectedApp : SentinelApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Sentinel:DataProtection:AllowUnprotectedKeys"] = "false",
        };
    }
}
