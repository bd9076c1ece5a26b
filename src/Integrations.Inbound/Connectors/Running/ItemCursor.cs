using System.Globalization;

namespace Integrations.Inbound.Connectors.Running;

/// <summary>The greatest value seen at the cursor's item path: numbers compared as numbers, anything else (ISO 8601
/// timestamps) as text.</summary>
internal sealed class ItemCursor
{
    public string? Max { get; private set; }

    public void See(string? value)
    {
        if (value is null)
        {
            return;
        }

        if (Max is null || Compare(value, Max) > 0)
        {
            Max = value;
        }
    }

    private static int Compare(string a, string b) =>
        decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x)
        && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y)
            ? x.CompareTo(y)
            : string.CompareOrdinal(a, b);
}
