using System.Text;
using Integrations.Crm.Schema;
using Integrations.Imports.Errors;
using Integrations.Imports.Mapping;

namespace Integrations.Imports.Templates;

/// <summary>What an import of one record type expects: each column with the headers it accepts, an example row,
/// and a template CSV to download. Unknown columns are accepted too and stored as custom fields.</summary>
public sealed record ColumnGuide(RecordType Type, IReadOnlyList<GuideColumn> Columns, string? RequireOneOfNote)
{
    /// <summary>Which columns an import of <paramref name="type"/> needs and accepts, with a template CSV.</summary>
    public static ColumnGuide For(RecordType type)
    {
        var columns = type.Fields
            .Select(f => new GuideColumn(f.Name, f.Label, f.Required && f.Default is null, ColumnAliases.Accepted(type, f), ExampleRows.For(type, f.Name)))
            .ToList();
        var note = type.RequireOneOf.Count == 0 ? null : $"Each row needs at least one of: {string.Join(", ", type.RequireOneOf)}.";
        return new ColumnGuide(type, columns, note);
    }

    /// <summary>A header row and one example row, CSV-quoted where needed.</summary>
    public string TemplateCsv()
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Columns.Select(c => Quote(c.Name)))).Append("\r\n");
        sb.Append(string.Join(',', Columns.Select(c => Quote(CellSafety.Neutralize(c.Example))))).Append("\r\n");
        return sb.ToString();
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}

/// <summary>One column of a <see cref="ColumnGuide"/>.</summary>
public sealed record GuideColumn(string Name, string Label, bool Required, IReadOnlyList<string> AcceptedHeaders, string Example);
