namespace Integrations.Imports.Parsing;

/// <summary>One row as read from the file; <paramref name="Number"/> counts as a spreadsheet does (header = 1).</summary>
internal sealed record SourceRow(int Number, string[] Cells)
{
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}
