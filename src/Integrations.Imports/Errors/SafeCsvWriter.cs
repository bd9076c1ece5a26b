using CsvHelper;

namespace Integrations.Imports.Errors;

/// <summary>
/// Writes the error file of an import: <c>row_number,error_message</c> followed by the file's own columns, every
/// cell neutralized so that a spreadsheet never runs it as a formula. Call <see cref="WriteHeader"/> once, then
/// <see cref="WriteRow"/> per rejected row. Writes UTF-8 with a BOM so Excel shows accents correctly.
/// </summary>
public sealed class SafeCsvWriter : IDisposable
{
    private readonly CsvWriter _writer;
    private readonly IReadOnlyList<string> _headers;

    public SafeCsvWriter(Stream output, IReadOnlyList<string> headers, bool leaveOpen = false)
    {
        _headers = headers;
        // A row reported for having more values than the header keeps them all, rather than failing the whole download.
        var options = new CsvWriterOptions
        {
            Separator = ',', NewLine = "\r\n", WriteByteOrderMark = true, Injection = CsvInjection.None, ValidateFieldCount = false,
        };
        _writer = CsvWriter.Create(output, options, leaveOpen);
    }

    public void WriteHeader() => WriteRecord(["row_number", "error_message", .. _headers]);

    public void WriteRow(int rowNumber, string errorMessage, IReadOnlyList<string> cells) =>
        WriteRecord([rowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), errorMessage, .. cells]);

    private void WriteRecord(IEnumerable<string> cells)
    {
        foreach (var cell in cells)
            _writer.WriteField(CellSafety.Neutralize(cell));
        _writer.EndRecord();
    }

    public void Dispose()
    {
        _writer.Flush();
        _writer.Dispose();
    }
}
