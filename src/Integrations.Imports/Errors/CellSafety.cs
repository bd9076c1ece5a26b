namespace Integrations.Imports.Errors;

internal static class CellSafety
{
    // A spreadsheet runs a cell starting with one of these as a formula (CSV injection); a leading quote makes it text.
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Neutralize(string? cell) =>
        string.IsNullOrEmpty(cell) || Array.IndexOf(FormulaStarts, cell[0]) < 0 ? cell ?? "" : "'" + cell;
}
