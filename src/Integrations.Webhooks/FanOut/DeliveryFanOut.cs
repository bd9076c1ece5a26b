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
                    where s.WorkspaceId == e.WorkspaceId
                    let type = DeliveredType(e.Type, s.Events)
                    where type is not null
                    select (Event: e, SubscriptionId: s.Id, Type: type)).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var bodies = new Dictionary<(Guid, string), string>(rows.Count);
        foreach (var (e, _, type) in rows)
        {
            bodies.TryAdd((e.Id, type), Envelope.Build(e, type));
        }

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
                new NpgsqlParameter("types", rows.Select(r => r.Type).ToArray()),
                new NpgsqlParameter("bodies", rows.Select(r => bodies[(r.Event.Id, r.Type)]).ToArray()),
            ],
            ct);
    }

    /// <summary>
    /// The type an endpoint subscribed to <paramref name="subscribed"/> receives an event of <paramref name="type"/> as:
    /// its own type when subscribed to it, else the <c>record.*</c> type it is a kind of; null when neither. An endpoint
    /// subscribed to both <c>contact.created</c> and <c>record.created</c> gets one delivery, as <c>contact.created</c>.
    /// </summary>
    private static string? DeliveredType(string type, string[] subscribed) =>
        subscribed.Contains(type) ? type
        : EventCatalog.GenericOf(type) is { } generic && subscribed.Contains(generic) ? generic
        : null;
}
