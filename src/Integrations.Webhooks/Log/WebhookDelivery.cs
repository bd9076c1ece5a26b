using Integrations.Platform.Data;

namespace Integrations.Webhooks.Log;

/// <summary>
/// One event for one subscription: the queue and the record of truth. Written in the transaction of the change;
/// the body is fixed then, so every attempt sends (and signs) the same bytes with the same <c>webhook-id</c>.
/// </summary>
internal sealed class WebhookDelivery : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public Guid SubscriptionId { get; init; }
    public Guid EventId { get; init; }
    public required string EventType { get; init; }

    /// <summary>The exact JSON envelope POSTed: <c>{"id","event","timestamp","data"}</c>.</summary>
    public required string Body { get; init; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>A dispatcher holds the delivery until then; an expired lease is claimed again.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
