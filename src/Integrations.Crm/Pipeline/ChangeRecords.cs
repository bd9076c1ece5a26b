using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Crm.Schema;
using Integrations.Platform.Audit;
using Integrations.Platform.Ids;
using Integrations.Platform.Outbox;

namespace Integrations.Crm.Pipeline;

/// <summary>
/// What one stored change tells the audit trail and the event outbox. The JSON is written directly (no node tree):
/// an import builds these for every row.
/// </summary>
internal sealed class ChangeRecords
{
    private readonly RecordDraft draft;
    private readonly DateTimeOffset now;
    private readonly RecordType type;
    private readonly string publicId;
    private readonly string verb;

    /// <remarks>The JSON may be built on another thread while the records are written: a parsed JsonObject fills its
    /// dictionary lazily on first read, so that happens here, on the pipeline's thread.</remarks>
    public ChangeRecords(RecordDraft draft, DateTimeOffset now)
    {
        this.draft = draft;
        this.now = now;
        type = draft.Type;
        publicId = PublicId.Format(draft.Type.Prefix, draft.Id);
        verb = draft.Change switch
        {
            RecordChange.Created => "created",
            RecordChange.Deleted => "deleted",
            _ => "updated",
        };
        _ = draft.AfterCustom.Count + draft.Before?.CustomFields.Count;
    }

    public AuditRecord Audit(JsonText json)
    {
        var changes = draft.Change == RecordChange.Deleted ? null : json.Write(writer =>
        {
            writer.WriteStartObject();
            foreach (var name in draft.Changed)
            {
                writer.WriteStartObject(name);
                if (draft.Before is not null)
                {
                    writer.WritePropertyName("from");
                    WriteValue(writer, draft.Before.Values, draft.Before.CustomFields, name);
                }

                writer.WritePropertyName("to");
                WriteValue(writer, draft.After, draft.AfterCustom, name);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });
        return new AuditRecord($"{type.Name}.{verb}", type.Name, publicId, changes);
    }

    /// <summary><c>record.{verb}</c> always; the per-object event where the catalog has one.</summary>
    public IEnumerable<EventRecord> Events(JsonText json)
    {
        var snapshot = draft.Snapshot(now);
        var data = json.Write(writer => WriteData(writer, snapshot, stageChange: false));
        yield return new EventRecord($"record.{verb}", data);
        if (type.ObjectEvents.Contains($"{type.Name}.{verb}"))
        {
            yield return new EventRecord($"{type.Name}.{verb}", data);
        }

        if (type == RecordTypes.Deal && draft.Change == RecordChange.Updated && draft.Changed.Contains("stage"))
        {
            yield return new EventRecord("deal.stage_changed", json.Write(writer => WriteData(writer, snapshot, stageChange: true)));
        }
    }

    private void WriteData(Utf8JsonWriter writer, StoredRecord snapshot, bool stageChange)
    {
        writer.WriteStartObject();
        writer.WriteString("object", type.Name);
        writer.WriteString("id", publicId);
        writer.WritePropertyName("record");
        RecordJson.Write(writer, type, snapshot);
        if (draft.Change == RecordChange.Updated)
        {
            writer.WriteStartArray("changed_fields");
            draft.Changed.ForEach(writer.WriteStringValue);
            writer.WriteEndArray();
            writer.WriteStartObject("previous");
            foreach (var name in draft.Changed)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, draft.Before!.Values, draft.Before.CustomFields, name);
            }

            writer.WriteEndObject();
        }

        if (stageChange)
        {
            writer.WriteString("from_stage", draft.Before!.Values["stage"] as string);
            writer.WriteString("to_stage", draft.After["stage"] as string);
        }

        writer.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter writer, Dictionary<string, object?> values, JsonObject custom, string name)
    {
        if (!name.StartsWith("custom_fields.", StringComparison.Ordinal))
        {
            RecordJson.WriteValue(writer, type.Field(name)!, values.GetValueOrDefault(name));
        }
        else if (custom[name["custom_fields.".Length..]] is { } node)
        {
            node.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
