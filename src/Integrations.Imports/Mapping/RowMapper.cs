using System.Text.Json.Nodes;
using Integrations.Imports.Parsing;

namespace Integrations.Imports.Mapping;

internal static class RowMapper
{
    public static ImportRow Map(ColumnMap map, SourceRow row)
    {
        var fields = new JsonObject();
        JsonObject? custom = null;
        for (var i = 0; i < map.Columns.Count; i++)
        {
            var column = map.Columns[i];
            var value = column.Index < row.Cells.Length ? row.Cells[column.Index].Trim() : "";
            if (value.Length == 0 || column.IsIgnored)
                continue;
            if (column.Field is not null)
                fields[column.Field] = value;
            else
                (custom ??= [])[column.CustomField!] = value;
        }
        if (custom is not null)
            fields["custom_fields"] = custom;
        return new ImportRow(row.Number, fields, row.Cells, ExtraCellsError(map, row));
    }

    private static string? ExtraCellsError(ColumnMap map, SourceRow row)
    {
        var extra = 0;
        for (var i = map.Columns.Count; i < row.Cells.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(row.Cells[i]))
                extra++;
        }

        return extra == 0
            ? null
            : $"Row {row.Number} has {row.Cells.Length} values but the header has {map.Columns.Count} columns.";
    }
}
