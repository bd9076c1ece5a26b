using System.Globalization;

namespace Integrations.Imports.Parsing.Xlsx;

/// <summary>A workbook's numbers as import text: dates and times by their cell style, in ISO 8601, the rest round-trip.</summary>
internal static class CellValues
{
    public static string Number(string raw, NumberKind kind)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return raw;
        }

        return kind switch
        {
            // The range DateTime.FromOADate accepts (years 100 to 9999).
            NumberKind.Date when number is > -657_435 and < 2_958_466 => Date(DateTime.FromOADate(number)),
            NumberKind.Time when Math.Abs(number) < 1_000_000 => TimeSpan.FromMilliseconds(Math.Round(number * 86_400_000)).ToString("c", CultureInfo.InvariantCulture),
            _ => number.ToString("R", CultureInfo.InvariantCulture),
        };
    }

    public static string Date(DateTime date) => date.TimeOfDay.Ticks == 0
        ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
