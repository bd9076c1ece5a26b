using System.Text.Json.Serialization;

namespace Integrations.Webhooks.Subscriptions;

/// <summary>A webhook as the page and the API show it. <c>Secret</c> is set only in the answer that creates it.</summary>
public sealed record WebhookView(
    string WebhookId,
    string Name,
    string Url,
    IReadOnlyList<string> Events,
    SubscriptionStatus Status,
    string? StatusReason,
    RetryPolicy RetryPolicy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PreviousSecretExpiresAt,
    ThrottleView Throttle)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }
}

/// <summary>The webhook's limits and its current in-flight window: its maximum, or less after timeouts and connection
/// errors (AIMD).</summary>
public sealed record ThrottleView(int? MaxPerSecond, int? MaxInFlight, int InFlightWindow);

/// <summary>A test delivery queued for one webhook.</summary>
public sealed record QueuedTest(string DeliveryId, string EventId, string WebhookId, string Event);
