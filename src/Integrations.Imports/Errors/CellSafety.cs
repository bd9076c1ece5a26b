namespace Integrations.Imports.Errors;

internal static class CellSafety
{
    // A spreadsheet runs a cell starting with one of these as a formula (CSV injection); a leading quote makes it text.
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Neutralize(string? cell) =>
        string.IsNullOrEmpty(cell) || Array.IndexOf(FormulaStarts, cell[0]) < 0 ? cell ?? "" : "'" + cell;

    // The inverse of Neutralize, for files coming back in: a template or a corrected error file imports the values it was
    // made from ('+44 20… is the phone +44 20…). A value that really starts with ' and then = + - @ loses the quote.
    public static string Restore(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && Array.IndexOf(FormulaStarts, cell[1]) >= 0 ? cell[1..] : cell;
}
