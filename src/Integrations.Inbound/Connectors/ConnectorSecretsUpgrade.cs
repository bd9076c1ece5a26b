using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integrations.Inbound.Connectors;

/// <summary>
/// At start-up, protects the credentials that connectors saved before they were (in the URL's query or the body) and
/// leaves those columns showing <c>REDACTED</c>. Idempotent: a connector done once has nothing left to do.
/// </summary>
internal sealed class ConnectorSecretsUpgrade(IServiceScopeFactory scopes, ConnectorSecrets secrets, ILogger<ConnectorSecretsUpgrade> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        // Only a URL with a query or a body can hold one: the rest is not read at every start.
        var candidates = await db.Set<Connector>().IgnoreQueryFilters()
            .Where(c => c.RequestCiphertext == null && (EF.Functions.Like(c.Url, "%?%") || c.Body != null)).ToListAsync(cancellationToken);
        var upgraded = candidates.Where(ConnectorSecrets.ShowsCredentials).ToList();
        foreach (var connector in upgraded)
        {
            secrets.SetRequest(connector, connector.Url, connector.Body);
        }

        if (upgraded.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            log.LogInformation("Protected the credentials in the URL or body of {Count} connectors", upgraded.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
