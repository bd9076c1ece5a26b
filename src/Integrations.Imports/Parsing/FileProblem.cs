namespace Integrations.Imports.Parsing;

/// <summary>Why a whole file is refused before anything is stored. <see cref="RowNumber"/> counts rows as a
/// spreadsheet does (the header is row 1), or is null when the problem is not tied to a row.</summary>
public sealed record FileProblem(string Code, string Message, int? RowNumber = null)
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

    internal static FileProblem RowTooLong(int rowNumber, int maxLength) =>
        new("row_too_long", string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Row {rowNumber} runs past {maxLength:N0} characters: a quote (\") in it is probably never closed, or the file is not ")
            + "a CSV export (no field holds more than 4,000 characters).", rowNumber);

    internal static FileProblem Malformed(int rowNumber, string detail) =>
        new("malformed", $"Row {rowNumber} could not be read: {detail}", rowNumber);

    internal static FileProblem UnreadableWorkbook() =>
        new("unreadable_workbook", "The file could not be read as an Excel workbook. Save it again as .xlsx or CSV.");

    internal static FileProblem DuplicateColumn(string first, string second, string field) =>
        new("duplicate_column", $"The columns \"{first}\" and \"{second}\" are the same column ({field}). Keep one of them.", 1);

    internal static FileProblem MissingColumn(string message) => new("missing_column", message, 1);
}
