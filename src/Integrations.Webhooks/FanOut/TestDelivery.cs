using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Integrations.Platform.Notifications;
using Integrations.Webhooks.Log;
using Integrations.Webhooks.Subscriptions;

namespace Integrations.Webhooks.FanOut;

/// <summary>
/// "Send test event": one delivery of the catalog example, for this one webhook only. It goes straight into the
/// queue rather than through the event log, so no other subscriber of the type receives it.
/// </summary>
internal static class TestDelivery
{
    public static async Task<QueuedTest> QueueAsync(
        IntegrationsDbContext db, TimeProvider clock, WebhookSubscription subscription, EventType type, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var eventGuid = PublicId.NewId(clock);
        var eventId = PublicId.Format(IdPrefixes.Event, eventGuid);
        var delivery = new WebhookDelivery
        {
            Id = PublicId.NewId(clock),
            WorkspaceId = subscription.WorkspaceId,
            SubscriptionId = subscription.Id,
            EventId = eventGuid,
            EventType = type.Name,
            Body = Envelope.Build(eventId, type.Name, now, type.Example.ToJsonString()),
            Status = DeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        db.Add(delivery);
        await db.SaveChangesAsync(ct);
        await db.Database.NotifyAsync(DeliveryFanOut.Channel, "", ct);
        return new QueuedTest(PublicId.Format(IdPrefixes.Delivery, delivery.Id), eventId,
            PublicId.Format(IdPrefixes.Webhook, subscription.Id), type.Name);
    }
}
