using Integrations.Webhooks.Log;

namespace Integrations.Web.Pages.Webhooks;

/// <summary>The geometry of the 24-hour bar chart, drawn as inline SVG: no script, nothing loaded from elsewhere.</summary>
public sealed class AttemptsChart(IReadOnlyList<HourlyAttempts> hours)
{
    public const int Height = 72;
    public const int BarWidth = 20;
    public const int Step = 26;

    public IReadOnlyList<HourlyAttempts> Hours => hours;
    public int Width => hours.Count * Step - (Step - BarWidth);
    public int Attempts { get; } = hours.Sum(h => h.Attempts);
    public int Successes { get; } = hours.Sum(h => h.Successes);

    /// <summary>"67%", or "—" when nothing was attempted.</summary>
    public string SuccessRate => Attempts == 0
        ? "—"
        : $"{Math.Round(100.0 * Successes / Attempts, MidpointRounding.AwayFromZero):0}%";

    /// <summary>Bar height in pixels for a count, scaled to the busiest hour; an hour with attempts shows at least 2 px.</summary>
    public int Scale(int count)
    {
        var busiest = hours.Max(h => h.Attempts);
        return count == 0 || busiest == 0 ? 0 : Math.Max(2, (int)Math.Round((double)Height * count / busiest));
    }
}
