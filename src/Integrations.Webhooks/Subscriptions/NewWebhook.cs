namespace Integrations.Webhooks.Subscriptions;

/// <summary>What <c>POST /api/v1/webhooks/subscribe</c> and the Add Webhook drawer ask for.</summary>
/// <param name="Secret">A signing secret of the caller's own; when null one is generated and shown once.</param>
/// <param name="RetryPolicy"><c>standard</c> (default) or <c>five_exponential</c>.</param>
public sealed record NewWebhook(string? Url, IReadOnlyList<string>? Events, string? Secret = null, string? Name = null, string? RetryPolicy = null);

/// <summary>A PATCH: only the given fields change. <c>Status</c> is <c>active</c> or <c>disabled</c>.</summary>
public sealed record WebhookChanges(string? Name, string? Url, IReadOnlyList<string>? Events, string? RetryPolicy, string? Status);
