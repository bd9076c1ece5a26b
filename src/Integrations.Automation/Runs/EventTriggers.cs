using Integrations.Automation.Definitions;
using Integrations.Crm.Schema;

namespace Integrations.Automation.Runs;

/// <summary>
/// Which kinds of trigger an appended event can start. A record change is told twice (<c>record.created</c> and
/// <c>contact.created</c>, same data): record triggers read the <c>record.*</c> one and the per-object ones start
/// nothing, so a change starts a workflow once. Any other event (an app's, a published one) is an <c>app.event</c> or
/// an <c>event</c> trigger by its type; an inbound source's processed request is an <c>inbound.processed</c> one.
/// </summary>
internal static class EventTriggers
{
    private static readonly HashSet<string> PerObject =
        RecordTypes.All.SelectMany(t => t.ObjectEvents).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);

    private const string InboundRequestProcessed = "inbound.request_processed";

    private static readonly string[] Other = [TriggerTypes.AppEvent, TriggerTypes.Event];

    public static IReadOnlyList<string> TriggerTypesOf(string eventType) => eventType switch
    {
        TriggerTypes.RecordCreated or TriggerTypes.RecordUpdated or TriggerTypes.RecordDeleted or TriggerTypes.DealStageChanged => [eventType],
        InboundRequestProcessed => [TriggerTypes.InboundProcessed],
        _ when PerObject.Contains(eventType) => [],
        _ => Other,
    };

    /// <summary>Whether <paramref name="trigger"/> is about this kind of event (before its conditions are looked at).</summary>
    public static bool Names(TriggerDefinition trigger, string eventType) => trigger.Type switch
    {
        TriggerTypes.RecordCreated or TriggerTypes.RecordUpdated or TriggerTypes.RecordDeleted or TriggerTypes.DealStageChanged
            => trigger.Type == eventType,
        TriggerTypes.InboundProcessed => eventType == InboundRequestProcessed,
        TriggerTypes.AppEvent or TriggerTypes.Event => trigger.Event == eventType && !PerObject.Contains(eventType),
        _ => false,
    };
}
