using Integrations.Platform.Data;
using Integrations.Webhooks.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Webhooks.Log;

/// <summary>
/// One replay at a time per webhook. A replay runs from its claim until its job has queued the copies (the job clears
/// <c>replay_job_id</c>) and the webhook has no delivery made since that is still waiting to be sent; a claim older
/// than <see cref="StaleAfter"/> no longer counts (its job died with its server).
/// </summary>
internal static class ReplayClaims
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    /// <summary>What <c>replay_job_id</c> holds between the claim and the job's enqueueing.</summary>
    private const string Queueing = "queueing";

    public static Task<RunningReplay?> RunningAsync(IntegrationsDbContext db, Guid subscriptionId, DateTimeOffset now, CancellationToken ct) =>
        Replaying(db, now).Where(s => s.Id == subscriptionId)
            .Select(s => new RunningReplay(s.ReplayJobId, s.ReplayStartedAt!.Value)).FirstOrDefaultAsync(ct);

    /// <summary>Claims the webhook for a replay starting <paramref name="now"/>; false when one is running.</summary>
    public static async Task<bool> TryClaimAsync(IntegrationsDbContext db, Guid subscriptionId, DateTimeOffset now, CancellationToken ct) =>
        await db.Set<WebhookSubscription>()
            .Where(s => s.Id == subscriptionId && !Replaying(db, now).Any(r => r.Id == subscriptionId))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ReplayStartedAt, now).SetProperty(s => s.ReplayJobId, Queueing), ct) == 1;

    public static Task SetJobAsync(IntegrationsDbContext db, Guid subscriptionId, DateTimeOffset claimedAt, string jobId, CancellationToken ct) =>
        Claimed(db, subscriptionId, claimedAt).ExecuteUpdateAsync(u => u.SetProperty(s => s.ReplayJobId, jobId), ct);

    /// <summary>Gives the claim back (its job could not be queued).</summary>
    public static Task ReleaseAsync(IntegrationsDbContext db, Guid subscriptionId, DateTimeOffset claimedAt) =>
        Claimed(db, subscriptionId, claimedAt).ExecuteUpdateAsync(u =>
            u.SetProperty(s => s.ReplayStartedAt, (DateTimeOffset?)null).SetProperty(s => s.ReplayJobId, (string?)null));

    private static IQueryable<WebhookSubscription> Claimed(IntegrationsDbContext db, Guid subscriptionId, DateTimeOffset claimedAt) =>
        db.Set<WebhookSubscription>().Where(s => s.Id == subscriptionId && s.ReplayStartedAt == claimedAt);

    private static IQueryable<WebhookSubscription> Replaying(IntegrationsDbContext db, DateTimeOffset now)
    {
        var cutoff = now - StaleAfter;
        var waiting = db.Set<WebhookDelivery>().Where(d => d.Status == DeliveryStatus.Pending);
        return db.Set<WebhookSubscription>().Where(s => s.ReplayStartedAt > cutoff
            && (s.ReplayJobId != null || waiting.Any(d => d.SubscriptionId == s.Id && d.CreatedAt >= s.ReplayStartedAt)));
    }
}
