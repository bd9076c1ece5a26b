using Integrations.Imports.Mapping;
using Integrations.Imports.Parsing;

namespace Integrations.Imports;

/// <summary>
/// An opened import file: either refused (<see cref="Problem"/> set, <see cref="Columns"/> null) or a header
/// mapping and a forward-only stream of rows. Reading can still stop early at a problem deep in the file (an
/// unclosed quote, invalid UTF-8); <see cref="Problem"/> then says why once <see cref="Rows"/> ends. Use
/// <see cref="ImportFile.Check"/> first so such a file is refused before anything is stored.
/// </summary>
internal sealed class ImportReading : IDisposable
{
    /// <summary>The most data rows one import takes (the largest plan's limit); reading stops past it rather than
    /// counting on through a file that will be refused anyway.</summary>
    internal const int MaxDataRows = 1_000_000;

    private readonly IRowSource? source;
    private SourceRow? first;

    internal ImportReading(FileProblem problem) => Problem = problem;

    internal ImportReading(ColumnMap columns, IRowSource source, SourceRow first) =>
        (Columns, this.source, this.first) = (columns, source, first);

    /// <summary>Why the file is refused, or null while it reads cleanly.</summary>
    public FileProblem? Problem { get; private set; }

    /// <summary>How the header row maps onto the record type; null when the file is refused.</summary>
    public ColumnMap? Columns { get; }

    /// <summary>The data rows in file order, blank rows skipped, read lazily (enumerate once).</summary>
    public IEnumerable<ImportRow> Rows()
    {
        if (source is null || Columns is null)
        {
            yield break;
        }

        if (first is not null)
        {
            yield return RowMapper.Map(Columns, first, source.DecimalMark);
            first = null;
        }

        var rows = 1;
        while (source.TryRead(out var row))
        {
            if (row.IsBlank)
            {
                continue;
            }

            if (++rows > MaxDataRows)
            {
                Problem = FileProblem.TooManyRows(MaxDataRows);
                yield break;
            }

            yield return RowMapper.Map(Columns, row, source.DecimalMark);
        }

        Problem = source.Problem;
    }

    public void Dispose() => source?.Dispose();
}
