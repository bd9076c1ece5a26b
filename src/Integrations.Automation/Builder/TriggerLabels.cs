using Integrations.Automation.Definitions;

namespace Integrations.Automation.Builder;

/// <summary>The trigger picker's words for each trigger type.</summary>
internal static class TriggerLabels
{
    public static string Of(string type) => type switch
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

    /// <summary>The trigger in words with its conditions: "When a deal changes stage, once 1 condition became true".</summary>
    public static string Summary(string described, TriggerDefinition trigger) => trigger.Conditions.Count switch
    {
        0 => described,
        var n => described + (trigger.ConditionMode == ConditionModes.BecameTrue ? $", once {Conditions(n)} became true" : $", if {Conditions(n)} hold"),
    };

    private static string Conditions(int n) => n == 1 ? "1 condition" : $"{n} conditions";
}
