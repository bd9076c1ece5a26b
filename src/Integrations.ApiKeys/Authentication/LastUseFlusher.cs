using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Integrations.ApiKeys.Authentication;

/// <summary>Saves recorded key uses with one set-based UPDATE per interval, and once more on shutdown.</summary>
internal sealed class LastUseFlusher(
    LastUseRecorder recorder,
    IServiceScopeFactory scopes,
    IOptions<ApiKeyOptions> options,
    TimeProvider clock,
    ILogger<LastUseFlusher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LastUsedFlushInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; StopAsync saves what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        var uses = recorder.Snapshot();
        if (uses.Length == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
            await db.Database.ExecuteSqlRawAsync(
                """
                UPDATE api_keys AS k SET last_used_at = u.at
                FROM unnest(@ids, @ats) AS u(id, at)
                WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.at)
                """,
                [
                    new NpgsqlParameter("ids", uses.Select(u => u.Key).ToArray()),
                    new NpgsqlParameter("ats", uses.Select(u => u.Value.ToUniversalTime()).ToArray()),
                ],
                ct);
            recorder.Saved(uses);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            // Kept in memory; the next flush tries again.
            log.LogWarning(ex, "Could not save last-used times of {KeyCount} API keys", uses.Length);
        }
    }
}
