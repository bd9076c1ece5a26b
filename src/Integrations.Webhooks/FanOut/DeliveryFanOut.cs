using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Integrations.Webhooks.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Webhooks.FanOut;

/// <summary>
/// One delivery row per (event, subscribed endpoint), written in the transaction that stores the events, then a
/// NOTIFY that Postgres sends on commit to wake the dispatcher. Paused endpoints get their rows too: they wait
/// until the endpoint is resumed. Disabled ones get nothing.
/// </summary>
internal sealed class DeliveryFanOut(IntegrationsDbContext db, TimeProvider clock) : IEventSubscriber
{
    public const string Channel = "webhook_deliveries";

    /// <summary>Appended to a statement that makes deliveries due, so the dispatchers wake on its commit.</summary>
    public const string WakeDispatchers = "SELECT pg_notify('" + Channel + "', '');";

    public async Task OnAppendedAsync(IReadOnlyList<AppendedEvent> events, CancellationToken ct)
    {
        var workspaces = events.Select(e => e.WorkspaceId).Distinct().ToArray();
        var subscriptions = await db.Set<WebhookSubscription>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => workspaces.Contains(s.WorkspaceId) && s.Status != SubscriptionStatus.Disabled)
            .Select(s => new { s.Id, s.WorkspaceId, s.Events })
            .ToListAsync(ct);
        if (subscriptions.Count == 0)
        {
            return;
        }

        var rows = (from e in events
                    from s in subscriptions
                    where s.WorkspaceId == e.WorkspaceId && s.Events.Contains(e.Type)
                    select (Event: e, SubscriptionId: s.Id)).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var bodies = events.ToDictionary(e => e.Id, Envelope.Build);
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO webhook_deliveries (id, workspace_id, subscription_id, event_id, event_type, body, status, attempts,
                                            next_attempt_at, created_at)
            SELECT u.id, u.workspace_id, u.subscription_id, u.event_id, u.event_type, u.body, 'Pending', 0, @now, @now
            FROM unnest(@ids, @workspaces, @subscriptions, @events, @types, @bodies)
                 AS u(id, workspace_id, subscription_id, event_id, event_type, body);
            """ + DeliveryFanOut.WakeDispatchers,
            [
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("ids", PublicId.NewIds(clock, rows.Count)),
                new NpgsqlParameter("workspaces", rows.Select(r => r.Event.WorkspaceId).ToArray()),
                new NpgsqlParameter("subscriptions", rows.Select(r => r.SubscriptionId).ToArray()),
                new NpgsqlParameter("events", rows.Select(r => r.Event.Id).ToArray()),
                new NpgsqlParameter("types", rows.Select(r => r.Event.Type).ToArray()),
                new NpgsqlParameter("bodies", rows.Select(r => bodies[r.Event.Id]).ToArray()),
            ],
            ct);
    }
}
