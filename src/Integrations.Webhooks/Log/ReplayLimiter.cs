using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Integrations.Webhooks.Log;

/// <summary>
/// How many replays a workspace may start per hour (<see cref="WebhookOptions.ReplaysPerHour"/>): each re-sends what may
/// be every event of a webhook. Counted in this process, as the per-key API limit is.
/// </summary>
internal sealed class ReplayLimiter(IOptions<WebhookOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> limiter = PartitionedRateLimiter.Create<Guid, Guid>(workspace =>
        RateLimitPartition.GetFixedWindowLimiter(workspace, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.ReplaysPerHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when the workspace may start a replay now; else how long until it may.</summary>
    public TimeSpan? Wait(Guid workspaceId)
    {
        using var lease = limiter.AttemptAcquire(workspaceId);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromHours(1);
    }

    public int PerHour => options.Value.ReplaysPerHour;

    public void Dispose() => limiter.Dispose();
}
