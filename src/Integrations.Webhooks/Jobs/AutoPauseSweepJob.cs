using Hangfire;
using Integrations.Platform.Data;
using Integrations.Webhooks.Dispatch;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Webhooks.Jobs;

/// <summary>
/// Pauses Standard-policy endpoints that have been failing for 48 hours. The dispatcher pauses them on the failed
/// attempt that crosses the line; this catches endpoints with no attempt due then (long backoff).
/// </summary>
internal sealed class AutoPauseSweepJob(IntegrationsDbContext db, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 2)]
    public Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Database.ExecuteSqlRawAsync(
            """
            UPDATE webhook_subscriptions SET status = 'Paused', status_reason = @reason, updated_at = @now
            WHERE status = 'Active' AND retry_policy = 'Standard' AND failing_since <= @before
            """,
            [
                new NpgsqlParameter("reason", DeliveryResults.PausedReason),
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("before", now - RetrySchedule.AutoPauseAfter),
            ],
            ct);
    }
}
