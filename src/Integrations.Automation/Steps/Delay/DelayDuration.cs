using System.Globalization;
using System.Xml;

namespace Integrations.Automation.Steps.Delay;

/// <summary>A delay's duration: ISO 8601 (<c>PT15M</c>, <c>P3D</c>) or short (<c>30s</c>, <c>15m</c>, <c>2h</c>, <c>3d</c>),
/// more than nothing and at most a year.</summary>
internal static class DelayDuration
{
    public static readonly TimeSpan Max = TimeSpan.FromDays(365);

    public static TimeSpan? Parse(string? text)
    {
        var duration = Read(text?.Trim() ?? "");
        return duration is { } d && d > TimeSpan.Zero && d <= Max ? d : null;
    }

    private static TimeSpan? Read(string text)
    {
        if (text.StartsWith('P'))
        {
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (FormatException)
            {
                return null;
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => null,
        };
    }
}
