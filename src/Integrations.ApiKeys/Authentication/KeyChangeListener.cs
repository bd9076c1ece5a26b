using Integrations.Platform.Data;
using Integrations.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integrations.ApiKeys.Authentication;

/// <summary>
/// Evicts a revoked or deleted key from this instance's cache when any instance changes it (Postgres NOTIFY on
/// commit), so a revoke stops the key everywhere at once, not after the cache's minute. After a reconnect the whole
/// cache is dropped, since notifications sent meanwhile are lost.
/// </summary>
internal sealed class KeyChangeListener(KeyCache cache, IServiceScopeFactory scopes, ILogger<KeyChangeListener> log) : BackgroundService
{
    public const string Channel = "api_key_changes";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database.GetConnectionString()
                ?? throw new InvalidOperationException("The database has no connection string.");
        }

        try
        {
            await PostgresListener.ListenAsync(connectionString, Channel,
                hash => cache.Forget(Convert.FromHexString(hash)), cache.ForgetAll, log, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
