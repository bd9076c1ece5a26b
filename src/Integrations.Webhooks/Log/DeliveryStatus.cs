namespace Integrations.Webhooks.Log;

public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt (at <c>next_attempt_at</c>), or leased by a dispatcher.</summary>
    Pending,

    /// <summary>A 2xx came back.</summary>
    Delivered,

    /// <summary>The retry policy gave up, or the endpoint was disabled (410).</summary>
    Failed,
}
