using Integrations.Webhooks.Subscriptions;

namespace Integrations.Webhooks.Dispatch;

/// <summary>A leased delivery with what it takes to send it: its endpoint and the secrets that sign for it now.</summary>
/// <param name="Secrets">Current first; empty when they could not be read (the attempt then fails without a POST).</param>
internal sealed record ClaimedDelivery(
    Guid Id, Guid WorkspaceId, Guid EventId, string Body, int Attempts, WebhookSubscription Subscription, IReadOnlyList<string> Secrets)
{
    public Guid SubscriptionId => Subscription.Id;

    /// <summary>Claimed within a throttle: it counts against the endpoint's window until its result is written.</summary>
    public bool Throttled { get; init; }
}
