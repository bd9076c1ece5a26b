using System.Text.Json;
using Integrations.Platform.Ids;

namespace Integrations.Webhooks.Log;

internal sealed record DeliveryResponse(
    string Id, string WebhookId, string EventId, string EventType, string Status, int Attempts, DateTimeOffset? NextAttemptAt,
    int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt)
{
    public static DeliveryResponse From(WebhookDelivery d) => new(
        PublicId.Format(IdPrefixes.Delivery, d.Id), PublicId.Format(IdPrefixes.Webhook, d.SubscriptionId),
        PublicId.Format(IdPrefixes.Event, d.EventId), d.EventType, d.Status.ToString().ToLowerInvariant(), d.Attempts,
        d.NextAttemptAt, d.LastStatusCode, d.LastError, d.CreatedAt, d.DeliveredAt);
}

internal sealed record AttemptResponse(
    DateTimeOffset AttemptedAt, int DurationMs, int? StatusCode, string? ResponseSnippet, string? Error, JsonElement RequestHeaders)
{
    public static AttemptResponse From(DeliveryAttempt a) => new(
        a.AttemptedAt, a.DurationMs, a.StatusCode, a.ResponseSnippet, a.Error, JsonSerializer.Deserialize<JsonElement>(a.RequestHeaders));
}

internal sealed record DeliveryDetailResponse(DeliveryResponse Delivery, IReadOnlyList<AttemptResponse> Attempts);

internal sealed record ReplayResponse(string WebhookId, DateTimeOffset Since, int Events, string JobId);
