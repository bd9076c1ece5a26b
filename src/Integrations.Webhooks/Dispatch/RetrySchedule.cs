using Integrations.Webhooks.Subscriptions;

namespace Integrations.Webhooks.Dispatch;

/// <summary>
/// When a failed delivery is tried next. Standard: immediately, 5 s, 30 s, 5 min, 30 min, then doubling up to 24 h,
/// for as long as the endpoint is not paused (<see cref="AutoPauseAfter"/> of failing pauses it). FiveExponential:
/// five attempts, 5, 10, 20, 40 s apart, then the delivery fails. Every delay but the first gets ±20% jitter so a
/// recovering endpoint is not hit by every retry at once.
/// </summary>
internal static class RetrySchedule
{
    public static readonly TimeSpan AutoPauseAfter = TimeSpan.FromHours(48);
    public const int FiveExponentialAttempts = 5;

    private static readonly TimeSpan[] StandardStart =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];
    private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(24);

    /// <summary>The wait after <paramref name="failedAttempts"/> failed attempts, or null when the delivery gives up.</summary>
    /// <param name="jitterSample">A number in [0, 1): 0 is 20% early, 0.5 on time, just under 1 is 20% late.</param>
    public static TimeSpan? DelayAfter(RetryPolicy policy, int failedAttempts, double jitterSample)
    {
        var delay = policy switch
        {
            RetryPolicy.FiveExponential when failedAttempts >= FiveExponentialAttempts => (TimeSpan?)null,
            RetryPolicy.FiveExponential => TimeSpan.FromSeconds(5 * Math.Pow(2, failedAttempts - 1)),
            _ when failedAttempts <= StandardStart.Length => StandardStart[failedAttempts - 1],
            _ => Doubling(failedAttempts),
        };
        return delay is { } d ? d * (0.8 + (0.4 * jitterSample)) : null;
    }

    private static TimeSpan Doubling(int failedAttempts)
    {
        // 30 min after the fourth failure, then 1 h, 2 h, … capped at 24 h.
        var doublings = Math.Min(failedAttempts - StandardStart.Length, 6);
        var delay = StandardStart[^1] * Math.Pow(2, doublings);
        return delay < MaxDelay ? delay : MaxDelay;
    }
}
