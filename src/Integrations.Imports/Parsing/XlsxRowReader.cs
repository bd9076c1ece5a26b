using System.Globalization;
using MiniExcelLibs;

namespace Integrations.Imports.Parsing;

/// <summary>Streams the first sheet of an .xlsx workbook row by row (MiniExcel reads the sheet XML forward-only).</summary>
internal sealed class XlsxRowReader(Stream stream) : IRowSource
{
    private IEnumerator<IDictionary<string, object?>>? _rows;
    private int _rowNumber;

    public FileProblem? Problem { get; private set; }

    public bool TryRead(out SourceRow row)
    {
        row = null!;
        if (Problem is not null)
            return false;
        try
        {
            _rows ??= stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .GetEnumerator();
            if (!_rows.MoveNext())
                return false;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException)
        {
            Problem = FileProblem.UnreadableWorkbook();
            return false;
        }
        _rowNumber++;
        row = new SourceRow(_rowNumber, _rows.Current.Values.Select(Text).ToArray());
        return true;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime { TimeOfDay.Ticks: 0 } d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double n => n.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public void Dispose()
    {
        _rows?.Dispose();
        stream.Dispose();
    }
}
