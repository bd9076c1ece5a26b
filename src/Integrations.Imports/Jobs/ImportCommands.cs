using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Imports.Mapping;
using Integrations.Platform.Ids;

namespace Integrations.Imports.Jobs;

/// <summary>Turns mapped rows into pipeline commands: creates, or upserts matched by the type's natural key — or by
/// id when the file has an <c>id</c> column (an export edited and imported back).</summary>
internal sealed class ImportCommands(RecordType type, ImportMode mode, ColumnMap columns)
{
    private const string IdColumn = "id";
    private readonly bool _hasIdColumn = columns.CustomColumns.Any(c => c.CustomField == IdColumn);

    public RecordBatchOptions Options =>
        new(AllOrNothing: false, ReturnRecords: false, UpsertBy: mode == ImportMode.Upsert && !_hasIdColumn ? type.NaturalKey : null);

    /// <summary>The command for a row, or why the row cannot become one.</summary>
    public (RecordCommand? Command, string? Error) For(ImportRow row)
    {
        var fields = row.Fields;
        var givenId = _hasIdColumn ? TakeId(fields) : null;
        if (mode == ImportMode.CreateOnly)
            return (new RecordCommand(RecordOperation.Create, null, fields), null);
        if (givenId is null)
            return (new RecordCommand(RecordOperation.Upsert, null, fields), null);
        return PublicId.TryParse(type.Prefix, givenId, out var id)
            ? (new RecordCommand(RecordOperation.Upsert, id, fields), null)
            : (null, $"id '{givenId}' is not a {type.Name} id.");
    }

    /// <summary>What says which record a row is about: its natural key as the pipeline matches it, and its id, so
    /// rows that may be about the same record are never written at once.</summary>
    public HashSet<string> Keys(IEnumerable<ImportRow> rows)
    {
        var keys = new HashSet<string>(rows.TryGetNonEnumeratedCount(out var count) ? count : 0, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (type.NaturalKey is { } key && RecordKeys.NaturalKey(type, row.Fields[key]) is { } natural)
                keys.Add(natural);
            if (_hasIdColumn && row.Fields["custom_fields"]?[IdColumn] is JsonValue id && id.TryGetValue<string>(out var given))
                keys.Add(given.Trim());
        }

        return keys;
    }

    private static string? TakeId(JsonObject fields)
    {
        if (fields["custom_fields"] is not JsonObject custom || custom[IdColumn] is not { } id)
            return null;
        custom.Remove(IdColumn);
        if (custom.Count == 0)
            fields.Remove("custom_fields");
        return id.GetValue<string>();
    }
}
