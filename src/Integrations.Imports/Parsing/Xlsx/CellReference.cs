namespace Integrations.Imports.Parsing.Xlsx;

/// <summary>A1-style references: the column of <c>"AB12"</c> and the letters of a column, for messages.</summary>
internal static class CellReference
{
    /// <summary>The 1-based column of <paramref name="reference"/>, or 0 when it does not start with letters.
    /// Stops counting past <paramref name="max"/> so a hostile reference cannot overflow.</summary>
    public static int Column(ReadOnlySpan<char> reference, int max)
    {
        var column = 0;
        foreach (var c in reference)
        {
            var letter = char.ToUpperInvariant(c);
            if (letter is < 'A' or > 'Z')
            {
                break;
            }

            column = column * 26 + (letter - 'A' + 1);
            if (column > max)
            {
                return max + 1;
            }
        }

        return column;
    }

    public static string Letters(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            letters = (char)('A' + (column - 1) % 26) + letters;
        }

        return letters;
    }
}
