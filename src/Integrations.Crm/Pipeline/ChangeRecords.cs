using System.Text.Json.Nodes;
using Integrations.Crm.Schema;
using Integrations.Platform.Audit;
using Integrations.Platform.Ids;
using Integrations.Platform.Outbox;

namespace Integrations.Crm.Pipeline;

/// <summary>What one stored change tells the audit trail and the event outbox.</summary>
internal sealed class ChangeRecords(RecordDraft draft, DateTimeOffset now)
{
    private readonly RecordType type = draft.Type;
    private readonly string publicId = PublicId.Format(draft.Type.Prefix, draft.Id);
    private readonly string verb = draft.Change switch
    {
        RecordChange.Created => "created",
        RecordChange.Deleted => "deleted",
        _ => "updated",
    };

    public AuditRecord Audit()
    {
        JsonObject? changes = null;
        if (draft.Change != RecordChange.Deleted)
        {
            changes = [];
            foreach (var name in draft.Changed)
            {
                var change = new JsonObject();
                if (draft.Before is not null)
                {
                    change["from"] = Value(draft.Before.Values, draft.Before.CustomFields, name);
                }

                change["to"] = Value(draft.After, draft.AfterCustom, name);
                changes[name] = change;
            }
        }

        return new AuditRecord($"{type.Name}.{verb}", type.Name, publicId, changes?.ToJsonString());
    }

    /// <summary><c>record.{verb}</c> always; the per-object event where the catalog has one.</summary>
    public IEnumerable<EventRecord> Events()
    {
        var record = RecordJson.From(type, draft.Snapshot(now));
        var data = new JsonObject { ["object"] = type.Name, ["id"] = publicId, ["record"] = record };
        if (draft.Change == RecordChange.Updated)
        {
            data["changed_fields"] = new JsonArray([.. draft.Changed.Select(c => JsonValue.Create(c))]);
            var previous = new JsonObject();
            foreach (var name in draft.Changed)
            {
                previous[name] = Value(draft.Before!.Values, draft.Before.CustomFields, name);
            }

            data["previous"] = previous;
        }

        var json = data.ToJsonString();
        yield return new EventRecord($"record.{verb}", json);
        if (type.ObjectEvents.Contains($"{type.Name}.{verb}"))
        {
            yield return new EventRecord($"{type.Name}.{verb}", json);
        }

        if (type == RecordTypes.Deal && draft.Change == RecordChange.Updated && draft.Changed.Contains("stage"))
        {
            var stageChange = (JsonObject)data.DeepClone();
            stageChange["from_stage"] = draft.Before!.Values["stage"] as string;
            stageChange["to_stage"] = draft.After["stage"] as string;
            yield return new EventRecord("deal.stage_changed", stageChange.ToJsonString());
        }
    }

    private JsonNode? Value(Dictionary<string, object?> values, JsonObject custom, string name) =>
        name.StartsWith("custom_fields.", StringComparison.Ordinal)
            ? custom[name["custom_fields.".Length..]]?.DeepClone()
            : RecordJson.Value(type.Field(name)!, values.GetValueOrDefault(name));
}
