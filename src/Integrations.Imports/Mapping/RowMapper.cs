using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Imports.Errors;
using Integrations.Imports.Parsing;
using Integrations.Imports.Parsing.Xlsx;

namespace Integrations.Imports.Mapping;

internal static class RowMapper
{
    public static ImportRow Map(ColumnMap map, SourceRow row, char decimalMark)
    {
        var fields = new JsonObject();
        JsonObject? custom = null;
        string? nulColumn = null;
        ImportColumn? unlabeled = null;
        for (var i = 0; i < map.Columns.Count; i++)
        {
            var column = map.Columns[i];
            var value = column.Index < row.Cells.Length ? CellSafety.Restore(row.Cells[column.Index].Trim()).Trim() : "";
            if (value.Length == 0)
            {
                continue;
            }

            if (column.IsIgnored)
            {
                if (column.Index >= map.FirstOwnColumn)
                {
                    unlabeled ??= column;
                }

                continue;
            }

            if (value.Contains('\0'))
            {
                nulColumn ??= column.Header;
            }

            if (column.Field is not null)
            {
                fields[column.Field] = column.IsAmount && decimalMark != '.' ? NumberText.Invariant(value, decimalMark) : value;
            }
            else
            {
                (custom ??= [])[column.CustomField!] = value;
            }
        }

        if (custom is not null)
        {
            fields["custom_fields"] = custom;
        }

        var error = nulColumn is not null
            ? $"Row {row.Number} has a NUL character (byte 0) in column \"{nulColumn}\", which no text can hold; "
                + "the file may be partly binary or saved in another encoding."
            : unlabeled is not null
                // A value under no header would otherwise be dropped without a word.
                ? $"Row {row.Number} has a value in column {CellReference.Letters(unlabeled.Index + 1)}, which has no header. "
                    + "Give the column a header (it then becomes a custom field) or clear it."
                : ExtraCellsError(map, row);
        return new ImportRow(row.Number, fields, ReportCells(map, row, nulColumn is not null, decimalMark), error);
    }

    // The row's own cells for the error file: without a corrected error file's leading columns, padded to the header (a
    // short CSV line, or a sheet row whose last cells are empty, still lines up), and with NUL shown as U+FFFD (the
    // database stores the cells as jsonb, which cannot hold NUL). The error file is comma-separated, and read back as
    // a file whose decimal mark is the point: amounts from a file that writes 1.500 for 1500 go in as 1500.
    private static string[] ReportCells(ColumnMap map, SourceRow row, bool hasNul, char decimalMark)
    {
        var cells = map.FirstOwnColumn == 0 ? row.Cells : row.Cells[Math.Min(map.FirstOwnColumn, row.Cells.Length)..];
        if (cells.Length < map.Columns.Count - map.FirstOwnColumn)
        {
            cells = [.. cells, .. Enumerable.Repeat("", map.Columns.Count - map.FirstOwnColumn - cells.Length)];
        }

        if (decimalMark != '.' && map.HasAmounts)
        {
            cells = cells == row.Cells ? [.. cells] : cells;
            foreach (var column in map.Columns.Where(c => c.IsAmount && c.Index - map.FirstOwnColumn < cells.Length))
            {
                cells[column.Index - map.FirstOwnColumn] = NumberText.Invariant(cells[column.Index - map.FirstOwnColumn], decimalMark);
            }
        }

        return hasNul || Array.Exists(cells, c => c.Contains('\0')) ? [.. cells.Select(c => c.Replace('\0', '\uFFFD'))] : cells;
    }

    private static string? ExtraCellsError(ColumnMap map, SourceRow row)
    {
        var extra = 0;
        for (var i = map.Columns.Count; i < row.Cells.Length; i++)
        {
            if (!string.IsNullOrWhiteSpace(row.Cells[i]))
            {
                extra++;
            }
        }

        return extra == 0
            ? null
            : $"Row {row.Number} has {row.Cells.Length} values but the header has {map.Columns.Count} columns.";
    }
}
