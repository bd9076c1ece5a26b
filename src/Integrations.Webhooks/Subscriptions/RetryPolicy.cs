namespace Integrations.Webhooks.Subscriptions;

public enum RetryPolicy
{
    /// <summary>Immediately, 5 s, 30 s, 5 min, 30 min, then doubling up to 24 h; auto-pause after 48 h failing.</summary>
    Standard,

    /// <summary>Five attempts, exponential backoff from 5 s.</summary>
    FiveExponential,
}
