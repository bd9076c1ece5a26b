using CsvHelper;

namespace Integrations.Imports.Errors;

/// <summary>
/// Writes the error file of an import: <c>row_number,error_message</c> followed by the file's own columns, every
/// cell neutralized so that a spreadsheet never runs it as a formula. Call <see cref="WriteHeader"/> once, then
/// <see cref="WriteRow"/> per rejected row. Writes UTF-8 with a BOM so Excel shows accents correctly.
/// </summary>
internal sealed class SafeCsvWriter : IDisposable
{
    private readonly CsvWriter writer;
    private readonly IReadOnlyList<string> headers;

    public SafeCsvWriter(Stream output, IReadOnlyList<string> headers, bool leaveOpen = false)
    {
        this.headers = headers;
        // A rejected row is written as it was read, and a row can hold more or fewer cells than the header: the
        // field-count check would throw mid-file and make every error of the import unreachable.
        var options = new CsvWriterOptions
        {
            Separator = ',', NewLine = "\r\n", WriteByteOrderMark = true, Injection = CsvInjection.None, ValidateFieldCount = false,
        };
        writer = CsvWriter.Create(output, options, leaveOpen);
    }

    public void WriteHeader() => WriteRecord(["row_number", "error_message", .. headers]);

    public void WriteRow(int rowNumber, string errorMessage, IReadOnlyList<string> cells) =>
        WriteRecord([rowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), errorMessage, .. cells]);

    private void WriteRecord(IEnumerable<string> cells)
    {
        foreach (var cell in cells)
        {
            writer.WriteField(CellSafety.Neutralize(cell));
        }

        writer.EndRecord();
    }

    public void Dispose()
    {
        writer.Flush();
        writer.Dispose();
    }
}
