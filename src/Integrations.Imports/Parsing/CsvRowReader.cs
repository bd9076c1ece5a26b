using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace Integrations.Imports.Parsing;

/// <summary>Streams CSV rows (RFC 4180 quoting, CRLF or LF, UTF-8 with or without BOM) one record at a time.</summary>
internal sealed class CsvRowReader : IRowSource
{
    // The longest field we store is 4,000 characters; a far longer record is almost always an unclosed quote
    // swallowing the rest of the file, and the cap keeps memory bounded when that happens.
    internal const int MaxRowLength = 1_000_000;

    private readonly CsvReader reader;
    private int rowNumber;
    private bool unclosedQuote;

    public CsvRowReader(Stream stream, char separator)
    {
        DecimalMark = separator == ';' ? ',' : '.';
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = false,
            TrimWhitespace = false,
            MaxRecordSize = MaxRowLength,
            // A stray quote in an unquoted value (O"Neil, 5" tall) is text, as a spreadsheet reads it. A malformed record
            // that spans a line break is a quote left open, closed only by some later quote: it swallowed whole rows,
            // which would go missing without a word, so it refuses the file, as a quote never closed does.
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = record => unclosedQuote |= record.Reason == CsvMalformedReason.UnterminatedQuote
                || record.RawRecord.AsSpan().IndexOfAny('\r', '\n') >= 0,
            Encoding = Encoding.UTF8,
        };
        reader = CsvReader.Create(stream, options, false);
    }

    public FileProblem? Problem { get; private set; }

    public char DecimalMark { get; }

    public bool TryRead(out SourceRow row)
    {
        row = null!;
        if (Problem is not null)
        {
            return false;
        }

        var number = rowNumber + 1;
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            if (unclosedQuote)
            {
                Problem = FileProblem.UnclosedQuote(number);
                return false;
            }

            if (!Utf8.IsValid(reader.RawRecord))
            {
                Problem = FileProblem.NotUtf8(number);
                return false;
            }

            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetString(i);
            }

            rowNumber = number;
            row = new SourceRow(number, cells);
            return true;
        }
        catch (CsvFormatException ex)
        {
            // Malformed quoting is recovered from (above), so what is left is a record past MaxRecordSize.
            Problem = ex.Message.Contains(nameof(CsvReaderOptions.MaxRecordSize), StringComparison.Ordinal)
                ? FileProblem.CsvRowTooLong(number)
                : FileProblem.Malformed(number, ex.Message);
        }

        return false;
    }

    public void Dispose() => reader.Dispose();
}
