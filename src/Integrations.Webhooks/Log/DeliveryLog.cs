using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Notifications;
using Integrations.Webhooks.FanOut;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Webhooks.Log;

/// <summary>
/// The delivery log of the caller's workspace as the webhook detail page reads it: recent deliveries, their
/// attempts, hourly attempt counts, and "retry now". Ids are public (<c>whk_…</c>, <c>dlv_…</c>); one of another
/// workspace reads as nothing at all, through the workspace query filter.
/// </summary>
public sealed class DeliveryLog
{
    private readonly IntegrationsDbContext db;
    private readonly Caller caller;
    private readonly AuditTrail audit;
    private readonly TimeProvider clock;

    internal DeliveryLog(IntegrationsDbContext db, Caller caller, AuditTrail audit, TimeProvider clock)
    {
        this.db = db;
        this.caller = caller;
        this.audit = audit;
        this.clock = clock;
    }

    /// <summary>The newest <paramref name="take"/> deliveries of the webhook, newest first.</summary>
    public async Task<IReadOnlyList<DeliveryView>> RecentAsync(string webhookId, int take, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Webhook, webhookId, out var subscriptionId))
        {
            return [];
        }

        // Ids are UUIDv7, so id order is creation order and the (subscription_id, id) index serves it.
        var deliveries = await db.Set<WebhookDelivery>().AsNoTracking()
            .Where(d => d.SubscriptionId == subscriptionId)
            .OrderByDescending(d => d.Id)
            .Take(take)
            .Select(d => new
            {
                d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.NextAttemptAt, d.CreatedAt,
                d.DeliveredAt,
            })
            .ToListAsync(ct);
        return deliveries.Select(d => new DeliveryView(
            PublicId.Format(IdPrefixes.Delivery, d.Id), PublicId.Format(IdPrefixes.Event, d.EventId), d.EventType, d.Status,
            d.Attempts, d.LastStatusCode, d.LastError, d.NextAttemptAt, d.CreatedAt, d.DeliveredAt)).ToList();
    }

    /// <summary>Every attempt of the delivery, oldest first, each with the request body it sent.</summary>
    public async Task<IReadOnlyList<AttemptView>> AttemptsAsync(string deliveryId, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Delivery, deliveryId, out var id))
        {
            return [];
        }

        // The body is fixed when the delivery is written, so the delivery's body is what every attempt sent.
        return await db.Set<DeliveryAttempt>().AsNoTracking()
            .Where(a => a.DeliveryId == id)
            .Join(db.Set<WebhookDelivery>(), a => a.DeliveryId, d => d.Id, (a, d) => new { Attempt = a, d.Body })
            .OrderBy(x => x.Attempt.AttemptedAt)
            .Select(x => new AttemptView(x.Attempt.AttemptedAt, x.Attempt.DurationMs, x.Attempt.StatusCode,
                x.Attempt.ResponseSnippet, x.Attempt.Error, x.Attempt.RequestHeaders, x.Body))
            .ToListAsync(ct);
    }

    /// <summary>Attempts and 2xx answers per hour for the last 24 hours, the current hour last; hours without
    /// attempts count zero.</summary>
    public async Task<IReadOnlyList<HourlyAttempts>> HourlyAsync(string webhookId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var currentHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var since = currentHour.AddHours(-23);
        var hours = Enumerable.Range(0, 24).Select(h => since.AddHours(h)).ToList();
        if (!PublicId.TryParse(IdPrefixes.Webhook, webhookId, out var subscriptionId))
        {
            return hours.Select(h => new HourlyAttempts(h, 0, 0)).ToList();
        }

        // One GROUP BY in SQL: EF has no date_trunc for timestamptz. Raw SQL skips the workspace query filter, so the
        // workspace is named here. date_trunc works in the session's zone; whole hours are the same instants in any
        // whole-hour zone.
        var counted = await db.Database.SqlQuery<HourlyAttempts>(
                $"""
                 SELECT date_trunc('hour', attempted_at) AS hour, count(*)::int AS attempts,
                        (count(*) FILTER (WHERE status_code BETWEEN 200 AND 299))::int AS successes
                 FROM webhook_delivery_attempts
                 WHERE workspace_id = {caller.WorkspaceId} AND subscription_id = {subscriptionId} AND attempted_at >= {since}
                 GROUP BY 1
                 """)
            .ToDictionaryAsync(h => h.Hour.ToUniversalTime(), ct);
        return hours.Select(h => counted.GetValueOrDefault(h) ?? new HourlyAttempts(h, 0, 0)).ToList();
    }

    /// <summary>Makes a delivery that was not delivered due now and wakes the dispatchers; false when there is no
    /// such delivery or it was already delivered.</summary>
    public async Task<bool> RetryNowAsync(string deliveryId, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Delivery, deliveryId, out var id)
            || await db.Set<WebhookDelivery>().FirstOrDefaultAsync(d => d.Id == id, ct) is not { } delivery
            || delivery.Status == DeliveryStatus.Delivered)
        {
            return false;
        }

        delivery.Status = DeliveryStatus.Pending;
        delivery.NextAttemptAt = clock.GetUtcNow();
        // A dispatcher that still holds it must not keep it from being claimed now.
        delivery.LeaseUntil = null;
        audit.Add("webhook_delivery.retried", "webhook_delivery", PublicId.Format(IdPrefixes.Delivery, id));
        // The notification is sent at commit, so a dispatcher woken by it already sees the delivery due.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.Database.NotifyAsync(DeliveryFanOut.Channel, "", ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}

/// <summary>One delivery as the log shows it.</summary>
public sealed record DeliveryView(
    string DeliveryId,
    string EventId,
    string EventType,
    DeliveryStatus Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt);

/// <summary>One POST of a delivery: the request sent (headers JSON, body) and what came back.</summary>
public sealed record AttemptView(
    DateTimeOffset AttemptedAt,
    int DurationMs,
    int? StatusCode,
    string? ResponseSnippet,
    string? Error,
    string RequestHeaders,
    string RequestBody);

/// <summary>Attempts started in the hour beginning at <paramref name="Hour"/> (UTC), and how many got a 2xx.</summary>
public sealed record HourlyAttempts(DateTimeOffset Hour, int Attempts, int Successes);
