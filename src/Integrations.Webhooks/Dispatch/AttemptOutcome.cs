using Integrations.Webhooks.Log;

namespace Integrations.Webhooks.Dispatch;

/// <summary>The delivery's state after an attempt: delivered, failed for good, or pending until the next attempt.</summary>
internal sealed record AttemptOutcome(DeliveryStatus Status, DateTimeOffset? NextAttemptAt)
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    public static AttemptOutcome Of(AttemptResult result, DateTimeOffset now, double jitterSample)
    {
        if (result.Succeeded)
        {
            return new(DeliveryStatus.Delivered, null);
        }

        if (result.Gone)
        {
            return new(DeliveryStatus.Failed, null);
        }

        var delay = RetrySchedule.DelayAfter(result.Delivery.Subscription.RetryPolicy, result.Delivery.Attempts + 1, jitterSample);
        if (delay is not { } wait)
        {
            return new(DeliveryStatus.Failed, null);
        }

        // 429 and 503 may name the wait; it is a floor, not a promise to come back sooner than our schedule says.
        if (result.RetryAfter is { } asked && result.StatusCode is 429 or 503 && asked > wait)
        {
            wait = asked < MaxRetryAfter ? asked : MaxRetryAfter;
        }

        return new(DeliveryStatus.Pending, now + wait);
    }
}
