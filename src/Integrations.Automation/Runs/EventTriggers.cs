using Integrations.Automation.Definitions;
using Integrations.Platform.Events;

namespace Integrations.Automation.Runs;

/// <summary>
/// Which kinds of trigger an appended event can start. A record change is one event of its most specific type
/// (<c>contact.created</c>, <c>deal.stage_changed</c>): a record trigger names either it or the <c>record.*</c> type it is a
/// kind of (<see cref="EventCatalog.GenericOf"/>), so a change starts each matching workflow once. Any other event (an
/// app's, a published one) is an <c>app.event</c> or an <c>event</c> trigger by its type; an inbound source's processed
/// request is an <c>inbound.processed</c> one.
/// </summary>
internal static class EventTriggers
{
    private const string InboundRequestProcessed = "inbound.request_processed";

    private static readonly string[] Other = [TriggerTypes.AppEvent, TriggerTypes.Event];

    public static IReadOnlyList<string> TriggerTypesOf(string eventType) => eventType switch
    {
        TriggerTypes.RecordCreated or TriggerTypes.RecordUpdated or TriggerTypes.RecordDeleted => [eventType],
        TriggerTypes.DealStageChanged => [TriggerTypes.RecordUpdated, TriggerTypes.DealStageChanged],
        InboundRequestProcessed => [TriggerTypes.InboundProcessed],
        _ when EventCatalog.GenericOf(eventType) is { } generic => [generic],
        _ => Other,
    };

    /// <summary>Whether <paramref name="trigger"/> is about this kind of event (before its conditions are looked at).</summary>
    public static bool Names(TriggerDefinition trigger, string eventType) => trigger.Type switch
    {
        TriggerTypes.RecordCreated or TriggerTypes.RecordUpdated or TriggerTypes.RecordDeleted or TriggerTypes.DealStageChanged
            => trigger.Type == eventType || trigger.Type == EventCatalog.GenericOf(eventType),
        TriggerTypes.InboundProcessed => eventType == InboundRequestProcessed,
        TriggerTypes.AppEvent or TriggerTypes.Event => trigger.Event == eventType,
        _ => false,
    };
}
