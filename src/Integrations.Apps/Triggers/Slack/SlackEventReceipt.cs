namespace Integrations.Apps.Triggers.Slack;

/// <summary>
/// An Events API event a connection turned into a trigger event, held for <see cref="SlackEventReceiptPruneJob.Kept"/>:
/// Slack's retries and a replay within the signature's five minutes carry the same <c>event_id</c> and emit nothing again.
/// </summary>
internal sealed class SlackEventReceipt
{
    public Guid ConnectionId { get; init; }

    /// <summary>Slack's <c>event_id</c> (<c>Ev…</c>).</summary>
    public required string EventId { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}
