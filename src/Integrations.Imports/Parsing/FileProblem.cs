using Integrations.Imports.Parsing.Xlsx;
using static System.FormattableString;

namespace Integrations.Imports.Parsing;

/// <summary>Why a whole file is refused before anything is stored. <see cref="RowNumber"/> counts rows as a
/// spreadsheet does (the header is row 1), or is null when the problem is not tied to a row.</summary>
internal sealed record FileProblem(string Code, string Message, int? RowNumber = null)
{
    internal static FileProblem Empty() => new("empty", "The file is empty.");

    internal static FileProblem BlankHeader() =>
        new("blank_header", "Row 1 must hold the column headers, but it is blank.", 1);

    internal static FileProblem NulInHeader(string header) =>
        new("nul_in_header", $"The column header \"{header}\" holds a NUL character (byte 0), which no text can hold.", 1);

    internal static FileProblem HeaderOnly() =>
        new("header_only", "The file has a header row but no data rows.", 1);

    internal static FileProblem Binary() =>
        new("binary", "The file is not a CSV or Excel file (it contains binary data). Upload a .csv or .xlsx file.");

    internal static FileProblem OldExcel() =>
        new("old_excel", "Old .xls workbooks are not supported. Save the file as .xlsx or CSV and upload it again.");

    internal static FileProblem NotUtf8(int rowNumber) =>
        new("encoding", $"Row {rowNumber} is not valid UTF-8 text. Save the file as \"CSV UTF-8\" and upload it again.", rowNumber);

    internal static FileProblem Utf16() =>
        new("encoding", "The file is UTF-16 text. Save the file as \"CSV UTF-8\" and upload it again.");

    internal static FileProblem UnclosedQuote(int rowNumber) =>
        new("unclosed_quote", $"Row {rowNumber} has a quote (\") that is never closed.", rowNumber);

    internal static FileProblem CsvRowTooLong(int rowNumber) =>
        new("row_too_long", Invariant($"Row {rowNumber} runs past {CsvRowReader.MaxRowLength:N0} bytes: a quote (\") in it is probably ")
            + "never closed, or the file is not a CSV export (no field holds more than 4,000 characters).", rowNumber);

    internal static FileProblem Malformed(int rowNumber, string detail) =>
        new("malformed", $"Row {rowNumber} could not be read: {detail}", rowNumber);

    internal static FileProblem UnreadableWorkbook() =>
        new("unreadable_workbook", "The file could not be read as an Excel workbook. Save it again as .xlsx or CSV.");

    internal static FileProblem EmptySheet() =>
        new("empty_sheet", "The first sheet of the workbook is empty. Only the first sheet is imported: put the rows there, the column headers in row 1.");

    internal static FileProblem CellTooLong(int rowNumber, string cell) =>
        new("cell_too_long", Invariant($"Cell {cell} (row {rowNumber}) holds more than {CellText.MaxLength:N0} characters, more than an Excel cell can hold. Shorten it and upload the file again."), rowNumber);

    internal static FileProblem SharedTextTooLong() =>
        new("cell_too_long", Invariant($"The workbook's shared text holds an entry of more than {CellText.MaxLength:N0} characters, more than an Excel cell can hold. Save the file again from Excel, or as CSV."));

    internal static FileProblem SharedTextTooLarge() =>
        new("workbook_too_large", Invariant($"The workbook holds more than {SharedStrings.MaxBytes / (1024 * 1024):N0} MB of text, more than one import reads. Save the first sheet as CSV UTF-8 and upload that."));

    internal static FileProblem TooManyColumns(int rowNumber, string cell) =>
        new("too_many_columns", Invariant($"Row {rowNumber} has a value in cell {cell}, past column {CellReference.Letters(XlsxRowReader.MaxColumns)}: an import reads at most {XlsxRowReader.MaxColumns:N0} columns. Delete the columns after {CellReference.Letters(XlsxRowReader.MaxColumns)} and upload the file again."), rowNumber);

    internal static FileProblem RowTooLong(int rowNumber) =>
        new("row_too_long", Invariant($"Row {rowNumber} holds more than {CsvRowReader.MaxRowLength:N0} characters in all, more than an import reads in one row."), rowNumber);

    internal static FileProblem TooManyRows(int limit) =>
        new("too_many_rows", Invariant($"The file has more than {limit:N0} data rows, the most one import takes. Split it into files of at most {limit:N0} rows."));

    internal static FileProblem OversizedMarkup() =>
        new("unreadable_workbook", Invariant($"The file could not be read as an Excel workbook: part of it runs on for more than {MarkupGuardStream.MaxRun / (1024 * 1024):N0} MB without markup, which no spreadsheet program writes. Save it again as .xlsx or CSV."));

    internal static FileProblem DuplicateColumn(string first, string second, string field) =>
        new("duplicate_column", $"The columns \"{first}\" and \"{second}\" are the same column ({field}). Keep one of them.", 1);

    internal static FileProblem MissingColumn(string message) => new("missing_column", message, 1);
}
