using System.Text.Json.Nodes;
using Cronos;
using Integrations.Automation.Conditions;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;
using Integrations.Crm.Schema;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Automation.Workflows;

/// <summary>Checks a workflow's <c>trigger</c> (keys under <c>trigger.</c>): its type, what that type needs, and only the
/// properties that type reads (a misspelt one is refused, not ignored).</summary>
internal static class TriggerRules
{
    private static readonly Dictionary<string, string[]> Properties = new(StringComparer.Ordinal)
    {
        [TriggerTypes.RecordCreated] = ["object", "conditions"],
        [TriggerTypes.RecordUpdated] = ["object", "fields", "conditions", "condition_mode"],
        [TriggerTypes.RecordDeleted] = ["object", "conditions"],
        [TriggerTypes.DealStageChanged] = ["object", "conditions", "condition_mode"],
        [TriggerTypes.AppEvent] = ["event", "connection_id", "conditions"],
        [TriggerTypes.Event] = ["event", "conditions"],
        [TriggerTypes.InboundProcessed] = ["source_id", "conditions"],
        [TriggerTypes.Schedule] = ["cron", "time_zone"],
        [TriggerTypes.Manual] = ["object", "conditions"],
    };

    /// <summary>The properties each trigger type reads besides <c>type</c> (the trigger-types API shows them).</summary>
    public static IReadOnlyList<string> PropertiesOf(string type) => Properties.GetValueOrDefault(type) ?? [];

    public static void Check(JsonNode? node, StepChecks checks)
    {
        if (node is not JsonObject trigger)
        {
            checks.Add("trigger", "trigger must be an object with a type.");
            return;
        }

        var type = JsonText.Of(trigger["type"]);
        if (type is null || !Properties.TryGetValue(type, out var allowed))
        {
            checks.Add("trigger.type", $"type must be one of {string.Join(", ", TriggerTypes.All)}.");
            return;
        }

        foreach (var (name, _) in trigger)
        {
            if (name != "type" && !allowed.Contains(name))
            {
                checks.Add($"trigger.{name}", $"A {type} trigger has no '{name}'; it takes {string.Join(", ", allowed)}.");
            }
        }

        var definition = checks.Trigger;
        CheckObject(trigger, type, checks);
        CheckEvent(trigger, type, checks);
        CheckIds(trigger, checks);
        CheckFields(trigger, definition, checks);
        if (trigger["condition_mode"] is { } mode && JsonText.Of(mode) is not (ConditionModes.IsTrue or ConditionModes.BecameTrue))
        {
            checks.Add("trigger.condition_mode", $"condition_mode must be {ConditionModes.IsTrue} or {ConditionModes.BecameTrue}.");
        }

        if (type == TriggerTypes.Schedule)
        {
            CheckSchedule(trigger, checks);
        }

        ConditionChecks.Check(trigger["conditions"], "trigger.conditions", checks);
    }

    private static void CheckObject(JsonObject trigger, string type, StepChecks checks)
    {
        var needsObject = TriggerTypes.IsRecord(type);
        if (!trigger.ContainsKey("object") && !needsObject)
        {
            return;
        }

        var name = JsonText.Of(trigger["object"]);
        var objects = string.Join(", ", RecordTypes.All.Select(t => t.Name));
        if (name is null || RecordTypes.All.All(t => t.Name != name))
        {
            checks.Add("trigger.object", $"object must be one of {objects}.");
        }
        else if (type == TriggerTypes.DealStageChanged && name != RecordTypes.Deal.Name)
        {
            checks.Add("trigger.object", $"{TriggerTypes.DealStageChanged} is a trigger of deals; object must be deal.");
        }
    }

    private static void CheckEvent(JsonObject trigger, string type, StepChecks checks)
    {
        if (type is not (TriggerTypes.AppEvent or TriggerTypes.Event))
        {
            return;
        }

        var name = JsonText.Of(trigger["event"]);
        var found = name is null ? null : EventCatalog.Find(name);
        if (type == TriggerTypes.AppEvent && (found is null || !TriggerEvents.IsAppTrigger(found)))
        {
            checks.Add("trigger.event", "event must be an app trigger event, e.g. slack.message_posted; GET /api/v1/workflows/trigger-types lists them.");
        }
        else if (type == TriggerTypes.Event && (found is null || !TriggerEvents.Platform.Contains(found)))
        {
            checks.Add("trigger.event", found is not null && TriggerEvents.IsAppTrigger(found)
                ? $"'{name}' is an app trigger event; use a {TriggerTypes.AppEvent} trigger."
                : found is not null
                    ? $"'{name}' is a record change; use a record trigger (record.created, record.updated…)."
                    : "event must be a platform event of the catalog, e.g. import.completed or invoice.paid; GET /api/v1/workflows/trigger-types lists them.");
        }
    }

    private static void CheckIds(JsonObject trigger, StepChecks checks)
    {
        if (trigger.ContainsKey("connection_id") && (JsonText.Of(trigger["connection_id"]) is not { } connection || !PublicId.TryParse(IdPrefixes.AppConnection, connection, out _)))
        {
            checks.Add("trigger.connection_id", $"connection_id must be a connection's id ({IdPrefixes.AppConnection}_…).");
        }

        if (trigger.ContainsKey("source_id") && (JsonText.Of(trigger["source_id"]) is not { } source || !PublicId.TryParse(IdPrefixes.InboundSource, source, out _)))
        {
            checks.Add("trigger.source_id", $"source_id must be an inbound source's id ({IdPrefixes.InboundSource}_…).");
        }
    }

    private static void CheckFields(JsonObject trigger, TriggerDefinition definition, StepChecks checks)
    {
        if (!trigger.ContainsKey("fields"))
        {
            return;
        }

        if (trigger["fields"] is not JsonArray fields || fields.Any(f => JsonText.Of(f) is null))
        {
            checks.Add("trigger.fields", "fields must be an array of field names.");
            return;
        }

        if (ConditionChecks.RecordObject(definition) is not { } type)
        {
            return;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (!ObjectFields.IsField(type, JsonText.Of(fields[i])!))
            {
                checks.Add($"trigger.fields[{i}]", $"'{JsonText.Of(fields[i])}' is not a field of {type.Name}; its fields are {ObjectFields.Names(type)}.");
            }
        }
    }

    private static void CheckSchedule(JsonObject trigger, StepChecks checks)
    {
        if (JsonText.Of(trigger["cron"]) is not { } cron || !CronExpression.TryParse(cron, CronFormat.Standard, out _))
        {
            checks.Add("trigger.cron", "cron must be a 5-field cron expression (minute hour day-of-month month day-of-week), e.g. \"0 9 * * 1-5\".");
        }

        if (trigger.ContainsKey("time_zone") && (JsonText.Of(trigger["time_zone"]) is not { } zone || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)))
        {
            checks.Add("trigger.time_zone", "time_zone must be an IANA time zone, e.g. Europe/Berlin (UTC when absent).");
        }
    }

}
