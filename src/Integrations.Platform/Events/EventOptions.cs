namespace Integrations.Platform.Events;

/// <summary>Bound from <c>Sentinel:Events</c>.</summary>
internal sealed class EventOptions
{
    public const string Section = "Sentinel:Events";

    /// <summary>
    /// How long <c>events</c> keeps an event (what <c>GET /api/v1/events</c> can list); older ones are dropped by the
    /// retention job with the rest of the time-partitioned tables.
    /// </summary>
    public int RetentionDays { get; set; } = 30;
}
