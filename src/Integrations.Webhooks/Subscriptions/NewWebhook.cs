namespace Integrations.Webhooks.Subscriptions;

/// <summary>What <c>POST /api/v1/webhooks/subscribe</c> and the Add Webhook drawer ask for.</summary>
/// <param name="Secret">A signing secret of the caller's own; when null one is generated and shown once.</param>
/// <param name="RetryPolicy"><c>standard</c> (default) or <c>five_exponential</c>.</param>
/// <param name="Throttle">Limits for a receiver that cannot take a flood; null: none.</param>
public sealed record NewWebhook(string? Url, IReadOnlyList<string>? Events, string? Secret = null, string? Name = null, string? RetryPolicy = null,
    WebhookThrottle? Throttle = null);

/// <summary>A PATCH: only the given fields change. <c>Status</c> is <c>active</c> or <c>disabled</c>; a <c>Throttle</c>
/// replaces both its limits (a null limit inside it removes that limit).</summary>
public sealed record WebhookChanges(string? Name, string? Url, IReadOnlyList<string>? Events, string? RetryPolicy, string? Status,
    WebhookThrottle? Throttle = null);

/// <summary>At most <c>MaxPerSecond</c> deliveries started per second and <c>MaxInFlight</c> at once, all instances
/// together; a null limit is no limit (in flight: the instance's per-endpoint concurrency).</summary>
public sealed record WebhookThrottle(int? MaxPerSecond, int? MaxInFlight);
