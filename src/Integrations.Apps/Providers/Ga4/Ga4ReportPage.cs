using System.Globalization;
using System.Text.Json;
using Integrations.Apps.Calls;

namespace Integrations.Apps.Providers.Ga4;

/// <summary>One page of a <c>runReport</c> answer: its rows (by the headers' order, not assumed) and the report's
/// <c>rowCount</c> (absent when the report is empty).</summary>
internal sealed record Ga4ReportPage(IReadOnlyList<Ga4ReportRow> Rows, long RowCount)
{
    public static Ga4ReportPage Parse(JsonElement json)
    {
        var dimensions = Names(json, "dimensionHeaders");
        var metrics = Names(json, "metricHeaders");
        int Dimension(string name) => dimensions.IndexOf(name) is >= 0 and var i ? i : throw Broken($"no {name} dimension");
        int Metric(string name) => metrics.IndexOf(name) is >= 0 and var i ? i : throw Broken($"no {name} metric");
        var (date, source, medium) = (Dimension("date"), Dimension("sessionSource"), Dimension("sessionMedium"));
        var (sessions, users, keyEvents) = (Metric("sessions"), Metric("totalUsers"), Metric("keyEvents"));
        var rows = new List<Ga4ReportRow>();
        if (json.TryGetProperty("rows", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var row in items.EnumerateArray())
            {
                var d = Values(row, "dimensionValues");
                var m = Values(row, "metricValues");
                rows.Add(new Ga4ReportRow(
                    DateOnly.TryParseExact(At(d, date), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : throw Broken($"the date '{At(d, date)}'"),
                    Ga4Dimensions.Value(At(d, source)), Ga4Dimensions.Value(At(d, medium)),
                    (long)Number(At(m, sessions)), (long)Number(At(m, users)), Number(At(m, keyEvents))));
            }
        }

        var count = json.TryGetProperty("rowCount", out var total) && total.TryGetInt64(out var n) ? n : rows.Count;
        return new Ga4ReportPage(rows, count);
    }

    private static List<string?> Names(JsonElement json, string property) =>
        json.TryGetProperty(property, out var headers) && headers.ValueKind == JsonValueKind.Array
            ? [.. headers.EnumerateArray().Select(h => h.TryGetProperty("name", out var name) ? name.GetString() : null)]
            : [];

    private static List<string?> Values(JsonElement row, string property) =>
        row.TryGetProperty(property, out var values) && values.ValueKind == JsonValueKind.Array
            ? [.. values.EnumerateArray().Select(v => v.TryGetProperty("value", out var value) ? value.GetString() : null)]
            : [];

    private static string? At(List<string?> values, int index) => index < values.Count ? values[index] : null;

    // GA4 sends metric values as strings ("12", "3.5").
    private static decimal Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static ProviderException Broken(string what) => new($"GA4 answered a report with {what}", 200);
}

/// <summary>A report row: a date, session source and medium, and its metrics.</summary>
internal sealed record Ga4ReportRow(DateOnly Date, string Source, string Medium, long Sessions, long TotalUsers, decimal Conversions);
