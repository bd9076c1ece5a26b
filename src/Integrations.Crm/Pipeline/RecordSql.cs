using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Integrations.Crm.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Integrations.Crm.Pipeline;

/// <summary>
/// The SQL for one record type, generated once from its <see cref="RecordType"/>. Writes go through
/// <c>jsonb_to_recordset</c>, so a batch of any size is one statement per kind of change.
/// </summary>
internal sealed class RecordSql
{
    private static readonly ConcurrentDictionary<string, RecordSql> Cache = new();

    private RecordSql(RecordType type)
    {
        Type = type;
        var fields = type.Fields.Select(f => f.Name).ToArray();
        Columns = "id, created_at, updated_at, custom_fields, " + string.Join(", ", fields);
        var recordset = "r(id uuid, custom_fields jsonb, " + string.Join(", ", type.Fields.Select(f => $"{f.Name} {PgType(f)}")) + ")";
        Insert = $"""
            INSERT INTO {type.Table} (id, workspace_id, created_at, updated_at, custom_fields, {string.Join(", ", fields)})
            SELECT r.id, @ws, @now, @now, r.custom_fields, {string.Join(", ", fields.Select(f => "r." + f))}
            FROM jsonb_to_recordset(@rows::jsonb) AS {recordset}
            """;
        Update = $"""
            UPDATE {type.Table} AS t
            SET updated_at = @now, custom_fields = r.custom_fields, {string.Join(", ", fields.Select(f => $"{f} = r.{f}"))}
            FROM jsonb_to_recordset(@rows::jsonb) AS {recordset}
            WHERE {IdInWorkspace("t.workspace_id")} AND t.id = r.id
            """;
        Copy = $"COPY {type.Table} (id, workspace_id, created_at, updated_at, custom_fields, {string.Join(", ", fields)}) FROM STDIN (FORMAT BINARY)";
        Delete = $"DELETE FROM {type.Table} WHERE {IdInWorkspace()} AND id = ANY(@ids)";
        Existing = $"SELECT id FROM {type.Table} WHERE {IdInWorkspace()} AND id = ANY(@ids)";
    }

    public RecordType Type { get; }
    public string Columns { get; }
    public string Insert { get; }
    public string Update { get; }
    public string Delete { get; }

    /// <summary>Which of <c>@ids</c> exist in the workspace.</summary>
    public string Existing { get; }

    /// <summary>Binary COPY of new records; each row written by <see cref="WriteRow"/>.</summary>
    public string Copy { get; }

    /// <summary>
    /// The workspace condition of a lookup by natural key (email, domain, SKU). The workspace arrives as a
    /// sub-select, so Postgres plans for a workspace of average size instead of from its statistics about this one: a
    /// workspace created since the table was last analyzed is estimated at one row, and for it Postgres looked emails
    /// up through the (workspace_id, updated_at) index, reading the whole workspace for every key. A million-row
    /// import into a new workspace then took 82 s instead of 24, and the more rows, the worse.
    /// </summary>
    public static string KeyInWorkspace(string column = "workspace_id") => $"{column} = (SELECT @ws)";

    /// <summary>
    /// The workspace condition of a lookup by id: a check on the rows the primary key finds, in a form Postgres cannot
    /// use to choose an index. Ids are unique, so one primary-key probe per id is right whatever the workspace's size;
    /// given the workspace as an index condition, statistics that were off either way (a new workspace taken for
    /// empty, a large one for average) made Postgres read the whole workspace instead.
    /// </summary>
    public static string IdInWorkspace(string column = "workspace_id") => $"({column} = @ws) IS TRUE";

    public static RecordSql For(RecordType type) => Cache.GetOrAdd(type.Name, _ => new RecordSql(type));

    /// <summary>Reads a row selected with <see cref="Columns"/>.</summary>
    public StoredRecord Read(NpgsqlDataReader reader)
    {
        var values = new Dictionary<string, object?>(Type.Fields.Count);
        for (var i = 0; i < Type.Fields.Count; i++)
        {
            var field = Type.Fields[i];
            var ordinal = i + 4;
            values[field.Name] = reader.IsDBNull(ordinal) ? null : field.Kind switch
            {
                FieldKind.Money => reader.GetDecimal(ordinal),
                FieldKind.Date => reader.GetFieldValue<DateOnly>(ordinal),
                FieldKind.Boolean => reader.GetBoolean(ordinal),
                FieldKind.Reference => reader.GetGuid(ordinal),
                FieldKind.Currency => reader.GetString(ordinal).Trim(),
                FieldKind.DateTime => reader.GetFieldValue<DateTimeOffset>(ordinal),
                FieldKind.Participants => ParticipantList.FromStored(reader.GetString(ordinal)),
                _ => reader.GetString(ordinal),
            };
        }

        var custom = JsonNode.Parse(reader.GetString(3)) as JsonObject ?? [];
        return new StoredRecord(reader.GetGuid(0), values, custom,
            reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2));
    }

    /// <summary>One element of the <c>@rows</c> array for <see cref="Insert"/> and <see cref="Update"/>.</summary>
    public JsonObject Row(Guid id, Dictionary<string, object?> values, JsonObject custom)
    {
        var row = new JsonObject { ["id"] = id.ToString(), ["custom_fields"] = custom.DeepClone() };
        foreach (var field in Type.Fields)
        {
            row[field.Name] = values.GetValueOrDefault(field.Name) switch
            {
                Guid reference => JsonValue.Create(reference.ToString()),
                var value => RecordJson.Value(field, value),
            };
        }

        return row;
    }

    /// <summary>One row of <see cref="Copy"/>: the same values as <see cref="Row"/>, typed instead of JSON.</summary>
    public void WriteRow(NpgsqlBinaryImporter copy, Guid workspaceId, DateTimeOffset now, Guid id, Dictionary<string, object?> values,
        JsonObject custom)
    {
        copy.StartRow();
        copy.Write(id, NpgsqlDbType.Uuid);
        copy.Write(workspaceId, NpgsqlDbType.Uuid);
        copy.Write(now, NpgsqlDbType.TimestampTz);
        copy.Write(now, NpgsqlDbType.TimestampTz);
        copy.Write(custom.Count == 0 ? "{}" : custom.ToJsonString(), NpgsqlDbType.Jsonb);
        for (var i = 0; i < Type.Fields.Count; i++)
        {
            var field = Type.Fields[i];
            // Typed calls: writing an object makes Npgsql look its converter up for every value.
            switch (values.GetValueOrDefault(field.Name))
            {
                case null:
                    copy.WriteNull();
                    break;
                case string text:
                    copy.Write(text, NpgsqlDbType.Text);
                    break;
                case decimal number:
                    copy.Write(number, NpgsqlDbType.Numeric);
                    break;
                case DateOnly date:
                    copy.Write(date, NpgsqlDbType.Date);
                    break;
                case bool flag:
                    copy.Write(flag, NpgsqlDbType.Boolean);
                    break;
                case Guid reference:
                    copy.Write(reference, NpgsqlDbType.Uuid);
                    break;
                case DateTimeOffset moment:
                    copy.Write(moment, NpgsqlDbType.TimestampTz);
                    break;
                case ParticipantList participants:
                    copy.Write(participants.Json, NpgsqlDbType.Jsonb);
                    break;
                case var other:
                    throw new InvalidOperationException($"{field.Name} holds a {other.GetType().Name}.");
            }
        }
    }

    public static string PgType(RecordField field) => field.Kind switch
    {
        FieldKind.Money => "numeric",
        FieldKind.Date => "date",
        FieldKind.Boolean => "boolean",
        FieldKind.Reference => "uuid",
        FieldKind.DateTime => "timestamptz",
        FieldKind.Participants => "jsonb",
        _ => "text",
    };
}
