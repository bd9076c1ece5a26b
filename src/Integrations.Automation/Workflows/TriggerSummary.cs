using Integrations.Automation.Definitions;

namespace Integrations.Automation.Workflows;

/// <summary>A trigger in words, for lists: "When a contact is created", "On slack.message_posted".</summary>
internal static class TriggerSummary
{
    public static string Describe(TriggerDefinition trigger) => trigger.Type switch
    {
        TriggerTypes.RecordCreated => $"When {A(trigger.Object)} is created",
        TriggerTypes.RecordUpdated when trigger.Fields.Count > 0 => $"When {A(trigger.Object)}'s {string.Join(", ", trigger.Fields)} changes",
        TriggerTypes.RecordUpdated => $"When {A(trigger.Object)} is updated",
        TriggerTypes.RecordDeleted => $"When {A(trigger.Object)} is deleted",
        TriggerTypes.DealStageChanged => "When a deal changes stage",
        TriggerTypes.AppEvent or TriggerTypes.Event => $"On {trigger.Event}",
        TriggerTypes.InboundProcessed => trigger.SourceId is null ? "When an inbound request is processed" : $"When {trigger.SourceId} processes a request",
        TriggerTypes.Schedule => $"On schedule {trigger.Cron} ({trigger.TimeZone ?? "UTC"})",
        TriggerTypes.Manual => trigger.Object is null ? "Run by hand" : $"Run by hand on {A(trigger.Object)}",
        _ => trigger.Type,
    };

    private static string A(string? name) => name is null ? "a record" : (name[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " : "a ") + name;
}
