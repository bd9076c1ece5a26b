namespace Integrations.Webhooks.Subscriptions;

public enum SubscriptionStatus
{
    /// <summary>Receives deliveries.</summary>
    Active,

    /// <summary>Turned off by an admin, or by the receiver answering 410 Gone.</summary>
    Disabled,

    /// <summary>Auto-paused after failing continuously; resuming re-queues what is pending.</summary>
    Paused,
}
