using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Integrations.Webhooks.Log;

/// <summary>
/// How many replays a workspace may start per hour (<see cref="WebhookOptions.ReplaysPerHour"/>): each re-sends what may
/// be every event of a webhook. Windows are the clock's hours, each (workspace, hour) its own partition, so the wait
/// is exact, as the API's per-key limiter does it; counted in this process, as that one is.
/// </summary>
internal sealed class ReplayLimiter(IOptions<WebhookOptions> options, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly PartitionedRateLimiter<(Guid Workspace, long Hour)> limiter =
        PartitionedRateLimiter.Create<(Guid Workspace, long Hour), (Guid Workspace, long Hour)>(window =>
            RateLimitPartition.GetFixedWindowLimiter(window, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, options.Value.ReplaysPerHour),
                Window = Window,
                QueueLimit = 0,
                // A new hour is a new partition; this window never needs to refill.
                AutoReplenishment = false,
            }));

    public int PerHour => options.Value.ReplaysPerHour;

    /// <summary>Null when the workspace may start a replay now; else how long until it may.</summary>
    public TimeSpan? Wait(Guid workspaceId)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var hour = now / (long)Window.TotalMilliseconds;
        using var lease = limiter.AttemptAcquire((workspaceId, hour));
        return lease.IsAcquired ? null : TimeSpan.FromMilliseconds(((hour + 1) * (long)Window.TotalMilliseconds) - now);
    }

    public void Dispose() => limiter.Dispose();
}
