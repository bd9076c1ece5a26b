using System.Globalization;
using System.Xml;
using Integrations.Imports.Parsing.Xlsx;

namespace Integrations.Imports.Parsing;

/// <summary>
/// Streams the first sheet of an .xlsx workbook row by row with a forward-only <see cref="XmlReader"/>, within limits a
/// hostile workbook cannot get around: a cell's text is read in chunks and capped, rows and cells cost only what their
/// XML holds (the sheet's <c>&lt;dimension&gt;</c> and empty space between cells are never materialised, unlike
/// MiniExcel's reader), columns past <see cref="MaxColumns"/> are refused, and the shared strings table is bounded.
/// </summary>
internal sealed class XlsxRowReader(Stream stream, CancellationToken ct) : IRowSource
{
    /// <summary>Wide CRM exports run to a few hundred columns; a record holds at most 100 custom fields, so a file wider
    /// than this is a stray cell (or a hostile one), and refusing it bounds the work per row.</summary>
    internal const int MaxColumns = 1_000;

    private const int LastSheetRow = 1_048_576;

    private readonly CellText cellText = new();
    private readonly string?[] cells = new string?[MaxColumns];
    private XlsxPackage? package;
    private XmlReader? sheetReader;
    private SharedStrings sharedStrings = null!;
    private CellFormats formats = null!;
    private int lastRow;
    private bool anyRow;
    private SourceRow? held;

    public FileProblem? Problem { get; private set; }

    public bool TryRead(out SourceRow row)
    {
        row = null!;
        if (Problem is not null)
        {
            return false;
        }

        if (held is not null)
        {
            (row, held) = (held, null);
            return true;
        }

        try
        {
            return (sheetReader is not null || Start()) && NextRow(out row);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or XmlException or NotSupportedException)
        {
            Problem = package?.Oversized == true ? FileProblem.OversizedMarkup() : FileProblem.UnreadableWorkbook();
            return false;
        }
    }

    private bool Start()
    {
        package = new XlsxPackage(stream);
        package.Locate();
        using (var strings = package.Read(package.SharedStrings))
        {
            sharedStrings = SharedStrings.Load(strings, cellText, ct);
        }

        using (var styles = package.Read(package.Styles))
        {
            formats = CellFormats.Load(styles, ct);
        }

        sheetReader = package.Read(package.FirstSheet);
        Problem = sheetReader is null ? FileProblem.UnreadableWorkbook() : sharedStrings.TooLarge ? FileProblem.SharedTextTooLarge() : null;
        return Problem is null;
    }

    private bool NextRow(out SourceRow row)
    {
        row = null!;
        var sheet = sheetReader!;
        while (sheet.Read())
        {
            ct.ThrowIfCancellationRequested();
            if (sheet.NodeType != XmlNodeType.Element || sheet.LocalName != "row")
            {
                continue;
            }

            var number = int.TryParse(sheet.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : lastRow + 1;
            if (number <= lastRow || number > LastSheetRow)
            {
                Problem = FileProblem.UnreadableWorkbook();
                return false;
            }

            lastRow = number;
            if (ReadCells(number) is not { } values)
            {
                return false;
            }

            if (values.Length == 0)
            {
                continue;
            }

            row = new SourceRow(number, values);
            if (!anyRow && number > 1)
            {
                (held, row) = (row, new SourceRow(1, [])); // row 1, where the header belongs, is blank
            }

            anyRow = true;
            return true;
        }

        if (!anyRow)
        {
            Problem = FileProblem.EmptySheet();
        }

        return false;
    }

    // The row's values by column, up to its last value (empty when it has none), or null at a problem.
    private string[]? ReadCells(int number)
    {
        var sheet = sheetReader!;
        var (width, column, length) = (0, 0, 0L);
        if (!sheet.IsEmptyElement)
        {
            var depth = sheet.Depth;
            while (sheet.Read() && sheet.Depth > depth)
            {
                ct.ThrowIfCancellationRequested();
                if (sheet.NodeType != XmlNodeType.Element || sheet.LocalName != "c")
                {
                    continue;
                }

                var reference = sheet.GetAttribute("r");
                column = reference is null ? Math.Min(column + 1, MaxColumns + 1) : CellReference.Column(reference, MaxColumns);
                var name = reference is { Length: <= 12 } ? reference : CellReference.Letters(column) + number;
                var value = column == 0 ? null : ReadCell(number, name);
                if (column == 0)
                {
                    Problem = FileProblem.UnreadableWorkbook();
                }
                else if (column > MaxColumns && !string.IsNullOrEmpty(value))
                {
                    Problem = FileProblem.TooManyColumns(number, name);
                }

                if (Problem is not null)
                {
                    return null;
                }

                if (string.IsNullOrEmpty(value) || column > MaxColumns)
                {
                    continue;
                }

                if ((length += value.Length) > CsvRowReader.MaxRowLength)
                {
                    Problem = FileProblem.RowTooLong(number);
                    return null;
                }

                cells[column - 1] = value;
                width = Math.Max(width, column);
            }
        }

        var values = new string[width];
        for (var i = 0; i < width; i++)
        {
            (values[i], cells[i]) = (cells[i] ?? "", null);
        }

        return values;
    }

    // The reader is on a <c>; it is left on the cell's end. The value is in <v> (or <is> for an inline string).
    private string? ReadCell(int number, string name)
    {
        var sheet = sheetReader!;
        var type = sheet.GetAttribute("t");
        var style = int.TryParse(sheet.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        string? raw = null;
        if (!sheet.IsEmptyElement)
        {
            var depth = sheet.Depth;
            while (sheet.Read() && sheet.Depth > depth)
            {
                if (sheet.NodeType != XmlNodeType.Element || sheet.LocalName is not ("v" or "is"))
                {
                    continue;
                }

                raw = cellText.Read(sheet, ct);
                if (raw is null)
                {
                    Problem = FileProblem.CellTooLong(number, name);
                    return null;
                }
            }
        }

        return raw is null ? null : type switch
        {
            "s" => Shared(raw, number, name),
            "inlineStr" or "str" or "e" => raw,
            "b" => raw switch { "1" => "true", "0" => "false", _ => raw },
            "d" => DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date) ? CellValues.Date(date) : raw,
            _ => CellValues.Number(raw, formats.KindOf(style)),
        };
    }

    private string? Shared(string raw, int number, string name)
    {
        var index = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1;
        if (sharedStrings.Get(index) is { } text)
        {
            return text;
        }

        Problem = index == sharedStrings.TooLongAt ? FileProblem.CellTooLong(number, name)
            : index > sharedStrings.TooLongAt ? FileProblem.SharedTextTooLong()
            : FileProblem.UnreadableWorkbook();
        return null;
    }

    public void Dispose()
    {
        sheetReader?.Dispose();
        if (package is null)
        {
            stream.Dispose();
        }

        package?.Dispose();
    }
}
