using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Imports.Jobs;
using Integrations.Imports.Mapping;
using Integrations.Platform.Ids;

namespace Integrations.Imports.Running;

/// <summary>Turns mapped rows into pipeline commands: creates, or upserts matched by the type's natural key — or by
/// id when the file has an <c>id</c> column (an export edited and imported back).</summary>
internal sealed class ImportCommands(RecordType type, ImportMode mode, ColumnMap columns)
{
    private const string IdColumn = ColumnMap.IdKey;
    private readonly bool hasIdColumn = columns.IdColumn is not null;

    public RecordBatchOptions Options =>
        new(AllOrNothing: false, ReturnRecords: false, UpsertBy: mode == ImportMode.Upsert && !hasIdColumn ? type.NaturalKey : null);

    /// <summary>The command for a row, or why the row cannot become one.</summary>
    public (RecordCommand? Command, string? Error) For(ImportRow row)
    {
        var fields = row.Fields;
        if (mode == ImportMode.CreateOnly)
        {
            // A create makes a new record: an id of ours would make a copy of the record it names, so that row is refused;
            // any other id (another CRM's) stays a custom field, like any unknown column.
            return hasIdColumn && fields["custom_fields"]?[IdColumn]?.GetValue<string>() is { } ours
                && PublicId.TryParse(type.Prefix, ours.Trim(), out _)
                ? (null, $"id '{ours}' names a {type.Name}, and create only makes new {type.PluralLabel.ToLowerInvariant()}. Choose upsert "
                    + "to update it, or remove the id column to create a copy.")
                : (new RecordCommand(RecordOperation.Create, null, fields), null);
        }

        var givenId = hasIdColumn ? TakeId(fields) : null;
        if (givenId is null)
        {
            return (new RecordCommand(RecordOperation.Upsert, null, fields), null);
        }

        return PublicId.TryParse(type.Prefix, givenId, out var id)
            ? (new RecordCommand(RecordOperation.Upsert, id, fields), null)
            : (null, $"id '{givenId}' is not a {type.Name} id.");
    }

    /// <summary>A chunk's keys: what says which records its rows are about (see <see cref="TryAddKeys"/>).</summary>
    public static HashSet<string> NewKeys(int capacity) => new(capacity, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Adds what says which record <paramref name="row"/> is about (its natural key as the pipeline matches it, and
    /// its id) to a chunk's <paramref name="keys"/>; false, adding nothing, when the chunk has a row about that record
    /// already. Such a row goes in a later chunk, so rows about one record are applied in file order, one per
    /// transaction, and chunks sharing a key are never written at once (<see cref="ChunkLanes"/>).
    /// </summary>
    public bool TryAddKeys(ImportRow row, HashSet<string> keys)
    {
        var natural = type.NaturalKey is { } key ? RecordKeys.NaturalKey(type, row.Fields[key]) : null;
        var id = hasIdColumn && row.Fields["custom_fields"]?[IdColumn] is JsonValue given && given.TryGetValue<string>(out var text)
            ? text.Trim()
            : null;
        if (natural is not null && keys.Contains(natural) || id is not null && keys.Contains(id))
        {
            return false;
        }

        if (natural is not null)
        {
            keys.Add(natural);
        }

        if (id is not null)
        {
            keys.Add(id);
        }

        return true;
    }

    private static string? TakeId(JsonObject fields)
    {
        if (fields["custom_fields"] is not JsonObject custom || custom[IdColumn] is not { } id)
        {
            return null;
        }

        custom.Remove(IdColumn);
        if (custom.Count == 0)
        {
            fields.Remove("custom_fields");
        }

        return id.GetValue<string>();
    }
}
