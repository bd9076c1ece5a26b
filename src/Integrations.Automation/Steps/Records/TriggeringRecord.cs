using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;

namespace Integrations.Automation.Steps.Records;

/// <summary>The record a run is about: the run data's <c>record</c> (<c>object</c> and <c>id</c>).</summary>
internal static class TriggeringRecord
{
    public static (RecordType Type, Guid Id)? Read(JsonObject data) =>
        data["record"] is JsonObject record && StepJson.Text(record, "object") is { } name && RecordTypes.Find(name) is { } type
            && PublicId.TryParse(type.Prefix, StepJson.Text(record, "id"), out var id)
            ? (type, id)
            : null;

    /// <summary>A public id of any record type (<c>con_…</c>, <c>deal_…</c>), or null.</summary>
    public static (RecordType Type, Guid Id)? Parse(string? publicId)
    {
        foreach (var type in RecordTypes.All)
        {
            if (PublicId.TryParse(type.Prefix, publicId, out var id))
            {
                return (type, id);
            }
        }

        return null;
    }

    /// <summary>The object a workflow's runs are about: a record trigger's, or a manual trigger's with an object;
    /// null (and an error added) otherwise.</summary>
    public static RecordType? Check(StepChecks checks, string stepType)
    {
        var trigger = checks.Trigger;
        var about = TriggerTypes.IsRecord(trigger.Type) && trigger.Type != TriggerTypes.RecordDeleted
            || (trigger.Type == TriggerTypes.Manual && trigger.Object is not null);
        if (!about)
        {
            checks.Add("type", $"{stepType} changes the triggering record: it needs a record trigger (created, updated, "
                + "deal.stage_changed) or a manual trigger with an object.");
            return null;
        }

        return RecordTypes.Find(trigger.Object ?? (trigger.Type == TriggerTypes.DealStageChanged ? RecordTypes.Deal.Name : ""));
    }
}
