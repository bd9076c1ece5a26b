using Integrations.Crm.Schema;
using Integrations.Imports.Parsing;

namespace Integrations.Imports.Mapping;

/// <summary>How the header row maps onto a record type, checked for duplicates and missing required columns.</summary>
internal sealed class ColumnMap
{
    private ColumnMap(RecordType type, IReadOnlyList<ImportColumn> columns, int firstOwnColumn) =>
        (Type, Columns, FirstOwnColumn, HasAmounts) = (type, columns, firstOwnColumn, columns.Any(c => c.IsAmount));

    public RecordType Type { get; }

    /// <summary>Every column of the file, in file order.</summary>
    public IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>
    /// 2 when the file is a corrected error file, which starts with the error file's own <c>row_number</c> and
    /// <c>error_message</c> columns: those are skipped (not custom fields) and left out of this file's error file.
    /// </summary>
    public int FirstOwnColumn { get; }

    /// <summary>Some column holds an amount (see <see cref="ImportColumn.IsAmount"/>).</summary>
    internal bool HasAmounts { get; }

    /// <summary>The file's own columns: what its error file repeats after <c>row_number,error_message</c>.</summary>
    public IEnumerable<ImportColumn> OwnColumns => Columns.Skip(FirstOwnColumn);

    /// <summary>Columns whose headers matched no field: their values are stored as custom fields.</summary>
    public IEnumerable<ImportColumn> CustomColumns => Columns.Where(c => c.IsCustom && c.CustomField != IdKey);

    /// <summary>The column naming each row's record by id (an export edited and imported back), which upserts match by.</summary>
    public ImportColumn? IdColumn => Columns.FirstOrDefault(c => c.CustomField == IdKey);

    internal const string IdKey = "id";

    internal static (ColumnMap? Map, FileProblem? Problem) Build(RecordType type, IReadOnlyList<string> headers)
    {
        if (headers.FirstOrDefault(h => h.Contains('\0')) is { } broken)
        {
            return (null, FileProblem.NulInHeader(broken.Replace('\0', '\uFFFD')));
        }

        var firstOwn = headers.Count >= 2 && HeaderNormalizer.Normalize(headers[0]) == "rownumber"
            && HeaderNormalizer.Normalize(headers[1]) == "errormessage" ? 2 : 0;
        var columns = headers.Select((h, i) => i < firstOwn ? new ImportColumn(i, h, null, null) : Describe(type, i, h)).ToList();
        var named = columns.Where(c => c.Field is not null && !ColumnAliases.IsFallback(c.Header)).Select(c => c.Field).ToHashSet();
        columns = [.. columns.Select(c => c.Field is not null && named.Contains(c.Field) && ColumnAliases.IsFallback(c.Header) ? Custom(c) : c)];
        var seen = new Dictionary<string, ImportColumn>();
        foreach (var column in columns.Where(c => !c.IsIgnored))
        {
            var key = column.Field ?? "custom_fields." + column.CustomField;
            if (seen.TryGetValue(key, out var first))
            {
                return (null, FileProblem.DuplicateColumn(first.Header, column.Header, key));
            }

            seen[key] = column;
        }

        var problem = MissingRequired(type, seen.Keys);
        return problem is null ? (new ColumnMap(type, columns, firstOwn), null) : (null, problem);
    }

    private static ImportColumn Describe(RecordType type, int index, string header)
    {
        if (string.IsNullOrWhiteSpace(header) || HeaderNormalizer.CustomFieldKey(header).Length == 0)
        {
            return new ImportColumn(index, header, null, null);
        }

        var field = ColumnAliases.FieldFor(type, header);
        return new ImportColumn(index, header, field, field is null ? HeaderNormalizer.CustomFieldKey(header) : null)
        {
            IsAmount = field is not null && type.Field(field)?.Kind is FieldKind.Money,
        };
    }

    private static ImportColumn Custom(ImportColumn column) =>
        new(column.Index, column.Header, null, HeaderNormalizer.CustomFieldKey(column.Header));

    private static FileProblem? MissingRequired(RecordType type, IEnumerable<string> mapped)
    {
        var present = mapped.ToHashSet();
        var missing = type.Fields.FirstOrDefault(f => f.Required && f.Default is null && !present.Contains(f.Name));
        if (missing is not null)
        {
            return FileProblem.MissingColumn(
                $"The file has no {missing.Label.ToLowerInvariant()} column, which every {type.Label.ToLowerInvariant()} needs. " +
                $"Add a column headed {Quoted(ColumnAliases.Accepted(type, missing))}.");
        }

        if (type.RequireOneOf.Count > 0 && !type.RequireOneOf.Any(present.Contains))
        {
            return FileProblem.MissingColumn(
                $"The file needs at least one of the columns {string.Join(", ", type.RequireOneOf.Select(n => $"\"{n}\""))} " +
                $"for each {type.Label.ToLowerInvariant()}.");
        }

        return null;
    }

    private static string Quoted(IEnumerable<string> headers) => string.Join(" or ", headers.Select(h => $"\"{h}\""));
}
