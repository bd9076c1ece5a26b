using Integrations.Automation.Definitions;

namespace Integrations.Automation.Builder;

/// <summary>What starts a workflow, in words for the list and the page ("When a deal's stage changes").</summary>
internal static class TriggerSummary
{
    public static string Of(TriggerDefinition trigger)
    {
        var what = trigger.Object ?? "record";
        var summary = trigger.Type switch
        {
            TriggerTypes.RecordCreated => $"When a {what} is created",
            TriggerTypes.RecordUpdated => $"When a {what} is updated",
            TriggerTypes.RecordDeleted => $"When a {what} is deleted",
            TriggerTypes.DealStageChanged => "When a deal's stage changes",
            TriggerTypes.AppEvent => $"When {trigger.Event ?? "an app event"} happens",
            TriggerTypes.InboundProcessed => "When an inbound request is processed",
            TriggerTypes.Event => $"When {trigger.Event ?? "an event"} is published",
            TriggerTypes.Schedule => $"On schedule {trigger.Cron} ({trigger.TimeZone ?? "UTC"})",
            TriggerTypes.Manual => trigger.Object is null ? "Run by hand" : $"Run by hand on a {trigger.Object}",
            _ => trigger.Type,
        };
        if (trigger.Fields.Count > 0)
        {
            summary += $", only when {string.Join(", ", trigger.Fields)} changed";
        }

        if (trigger.Conditions.Count > 0)
        {
            var count = trigger.Conditions.Count == 1 ? "a condition" : $"{trigger.Conditions.Count} conditions";
            summary += trigger.ConditionMode == ConditionModes.BecameTrue ? $", and {count} became true" : $", if {count} hold";
        }

        return summary;
    }

    public static string Label(string type) => type switch
    {
        TriggerTypes.RecordCreated => "A record is created",
        TriggerTypes.RecordUpdated => "A record is updated",
        TriggerTypes.RecordDeleted => "A record is deleted",
        TriggerTypes.DealStageChanged => "A deal's stage changes",
        TriggerTypes.AppEvent => "A connected app's event",
        TriggerTypes.InboundProcessed => "An inbound request is processed",
        TriggerTypes.Event => "A platform event is published",
        TriggerTypes.Schedule => "On a schedule",
        TriggerTypes.Manual => "Run by hand",
        _ => type,
    };
}
