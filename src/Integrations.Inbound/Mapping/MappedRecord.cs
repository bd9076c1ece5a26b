using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;

namespace Integrations.Inbound.Mapping;

/// <summary>A document after mapping: the fields for the pipeline, the key that finds its record, and what failed.</summary>
internal sealed class MappedRecord(RecordType type, RecordMapping mapping)
{
    public RecordType Type { get; } = type;
    public RecordMapping Mapping { get; } = mapping;
    public JsonObject Fields { get; } = [];

    /// <summary>The upsert key's value: a natural key, our public id or the other system's id, by the mapping.</summary>
    public string? Key { get; set; }

    public List<FieldError> Errors { get; } = [];
    public List<(LinkedMapping Link, MappedRecord Record)> Links { get; } = [];

    /// <summary>This record's errors and its links' (named <c>contact_id.email</c>).</summary>
    public IReadOnlyList<FieldError> AllErrors =>
        Errors.Concat(Links.SelectMany(l => l.Record.AllErrors.Select(e => e with { Field = $"{l.Link.Field}.{e.Field}" }))).ToList();
}
