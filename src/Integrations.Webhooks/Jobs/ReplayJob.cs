using Hangfire;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Webhooks.FanOut;
using Integrations.Webhooks.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Webhooks.Jobs;

/// <summary>
/// Re-sends an endpoint's events since a time: one new pending delivery per event, with the same body and so the
/// same <c>webhook-id</c> (receivers that de-duplicate see a repeat). Earlier replays' copies are not copied again.
/// </summary>
internal sealed class ReplayJob(IntegrationsDbContext db, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(Guid subscriptionId, DateTimeOffset since, CancellationToken ct)
    {
        try
        {
            return await ReplayAsync(subscriptionId, since, ct);
        }
        finally
        {
            // Queued or failed, the copies are no longer the job's: the replay now runs until they are sent (ReplayClaims).
            await db.Set<WebhookSubscription>().IgnoreQueryFilters().Where(s => s.Id == subscriptionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.ReplayJobId, (string?)null), CancellationToken.None);
        }
    }

    private async Task<int> ReplayAsync(Guid subscriptionId, DateTimeOffset since, CancellationToken ct)
    {
        var events = await db.Database.SqlQueryRaw<Guid>(
                """
                SELECT DISTINCT event_id AS "Value" FROM webhook_deliveries
                WHERE subscription_id = @subscription AND created_at >= @since
                """,
                new NpgsqlParameter("subscription", subscriptionId), new NpgsqlParameter("since", since))
            .ToArrayAsync(ct);
        if (events.Length == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO webhook_deliveries (id, workspace_id, subscription_id, event_id, event_type, body, status, attempts,
                                            next_attempt_at, created_at)
            SELECT n.id, o.workspace_id, o.subscription_id, o.event_id, o.event_type, o.body, 'Pending', 0, @now, @now
            FROM unnest(@events, @ids) AS n(event_id, id)
            CROSS JOIN LATERAL (
                SELECT * FROM webhook_deliveries d
                WHERE d.subscription_id = @subscription AND d.event_id = n.event_id
                ORDER BY d.created_at LIMIT 1
            ) o;
            """ + DeliveryFanOut.WakeDispatchers,
            [
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("subscription", subscriptionId),
                new NpgsqlParameter("events", events),
                new NpgsqlParameter("ids", PublicId.NewIds(clock, events.Length)),
            ],
            ct);
        return events.Length;
    }
}
