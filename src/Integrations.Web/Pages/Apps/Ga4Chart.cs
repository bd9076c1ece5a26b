using System.Globalization;
using Integrations.Apps.Providers.Ga4;

namespace Integrations.Web.Pages.Apps;

/// <summary>The geometry of the GA4 report's line chart, drawn on the server as SVG: one polyline per metric over
/// the report's days, on one scale from zero to the largest value.</summary>
public sealed class Ga4Chart(Ga4Report report)
{
    public const int Width = 720;
    public const int Height = 220;
    public const int Left = 48;
    public const int Top = 12;
    public const int Bottom = 28;
    public const int Right = 12;

    public static readonly (string Name, string Color, Func<Ga4Day, decimal> Value)[] Series =
    [
        ("Sessions", "#2b59c3", d => d.Sessions),
        ("Users", "#1e8449", d => d.TotalUsers),
        ("Conversions", "#c05b00", d => d.Conversions),
    ];

    public decimal Max { get; } = Math.Max(1, report.Days.Max(d => Math.Max(Math.Max(d.Sessions, d.TotalUsers), d.Conversions)));

    public int Baseline => Height - Bottom;

    public string Points(Func<Ga4Day, decimal> value) =>
        string.Join(' ', report.Days.Select((day, i) => $"{Format(X(i))},{Format(Y(value(day)))}"));

    public double X(int index) => Left + (report.Days.Count <= 1 ? 0 : index * (double)(Width - Left - Right) / (report.Days.Count - 1));

    public double Y(decimal value) => Top + (double)(1 - (value / Max)) * (Height - Top - Bottom);

    public static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
