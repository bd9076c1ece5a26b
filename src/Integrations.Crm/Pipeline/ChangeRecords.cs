using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Crm.Schema;
using Integrations.Platform.Audit;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Crm.Pipeline;

/// <summary>
/// What one stored change tells the audit trail and the event log. The JSON is written directly (no node tree):
/// an import builds these for every row.
/// </summary>
internal sealed class ChangeRecords
{
    private readonly RecordDraft draft;
    private readonly DateTimeOffset now;
    private readonly RecordType type;
    private static readonly ConcurrentDictionary<(RecordType Type, EventType RecordEvent), Names> NamesByChange = new();

    private readonly string publicId;
    private readonly Names names;

    /// <remarks>The JSON may be built on another thread while the records are written: a parsed JsonObject fills its
    /// dictionary lazily on first read, so that happens here, on the pipeline's thread.</remarks>
    public ChangeRecords(RecordDraft draft, DateTimeOffset now)
    {
        this.draft = draft;
        this.now = now;
        type = draft.Type;
        publicId = PublicId.Format(draft.Type.Prefix, draft.Id);
        var recordEvent = draft.Change switch
        {
            RecordChange.Created => EventCatalog.RecordCreated,
            RecordChange.Deleted => EventCatalog.RecordDeleted,
            _ => EventCatalog.RecordUpdated,
        };
        names = NamesByChange.GetOrAdd((type, recordEvent), static key => new Names(key.Type, key.RecordEvent));
        _ = draft.AfterCustom.Count + draft.Before?.CustomFields.Count;
    }

    public AuditRecord Audit(JsonText json)
    {
        var changes = draft.Change == RecordChange.Deleted ? null : json.Write(this, static (writer, self) => self.WriteChanges(writer));
        return new AuditRecord(names.Action, type.Name, publicId, changes);
    }

    private void WriteChanges(Utf8JsonWriter writer)
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
    }

    /// <summary>
    /// One event per change, of the most specific type there is: <c>deal.stage_changed</c> when a deal's stage changed
    /// (its data also has <c>from_stage</c> and <c>to_stage</c>), else the per-object one (<c>contact.created</c>) where the
    /// catalog has it, else <c>record.{verb}</c>. Whoever asks for <c>record.*</c> matches it through
    /// <see cref="EventCatalog.GenericOf"/>: an import stores one event per row, not two.
    /// </summary>
    public void AddEvent(JsonText json, List<EventRecord> events)
    {
        var snapshot = draft.Snapshot(now);
        var stageChange = type == RecordTypes.Deal && draft.Change == RecordChange.Updated && draft.Changed.Contains("stage");
        events.Add(new EventRecord(stageChange ? EventCatalog.DealStageChanged : names.Event,
            json.Write((self: this, snapshot, stageChange), static (writer, s) => s.self.WriteData(writer, s.snapshot, s.stageChange))));
    }

    /// <summary>The audit action and event type of one kind of change (<c>contact.created</c> for both), found once
    /// rather than per record.</summary>
    private sealed class Names(RecordType type, EventType recordEvent)
    {
        private static string Verb(EventType e) => e.Name[(e.Name.IndexOf('.', StringComparison.Ordinal) + 1)..];

        public string Action { get; } = $"{type.Name}.{Verb(recordEvent)}";

        public EventType Event { get; } = type.ObjectEvents.FirstOrDefault(e => e.Name == $"{type.Name}.{Verb(recordEvent)}") ?? recordEvent;
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
