using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Calls;
using Integrations.Apps.Connections;
using Integrations.Apps.Syncs;

namespace Integrations.Apps.Providers.Ga4;

/// <summary>
/// GA4's <c>daily_report</c>: <c>runReport</c> of the connection's property by date and session source / medium, a page
/// of rows at a time (<c>offset</c> until <c>rowCount</c>), upserted into <c>ga4_daily_rows</c>. The first run reads the
/// last 30 days; each later run reads again from two days before the last complete date, as GA4 keeps processing
/// a day's data for a while. The checkpoint is that date, and the window and offset while a window is read.
/// </summary>
internal sealed class Ga4DailyReportSync(AppApi api, Ga4RowStore store, TimeProvider clock) : IAppSync
{
    public const int BackfillDays = 30;
    public const int SettleDays = 2;
    public const int PageSize = 10_000;

    public string AppId => "ga4";
    public string SyncId => "daily_report";

    public async Task<bool> RunPageAsync(SyncContext context, CancellationToken ct)
    {
        var property = Property(context.Settings);
        var checkpoint = Ga4Checkpoint.Parse(context.Checkpoint) is { } saved && saved.Property == property ? saved : new Ga4Checkpoint(property, null);
        if (checkpoint.From is null || checkpoint.To is null)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            checkpoint = checkpoint with { From = checkpoint.Through?.AddDays(-SettleDays) ?? today.AddDays(-BackfillDays), To = today, Offset = 0 };
        }

        var (from, to) = (checkpoint.From.Value, checkpoint.To.Value);
        var url = $"{context.App.Urls["api"].TrimEnd('/')}/v1beta/properties/{property}:runReport";
        using var answer = await api.SendAsync(context.Connection, () => new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(Request(from, to, checkpoint.Offset)),
        }, ct);
        var page = Ga4ReportPage.Parse(answer.RootElement);
        var next = checkpoint.Offset + page.Rows.Count;
        var more = page.Rows.Count > 0 && next < page.RowCount;
        var after = more
            ? checkpoint with { Offset = next }
            : new Ga4Checkpoint(property, Max(checkpoint.Through, to.AddDays(-1)));
        await context.SaveAsync(token => store.UpsertAsync(context.Connection, property, page.Rows, token), after.ToString(), ct);
        return more;
    }

    private static JsonObject Request(DateOnly from, DateOnly to, long offset) => new()
    {
        ["dateRanges"] = new JsonArray(new JsonObject { ["startDate"] = Day(from), ["endDate"] = Day(to) }),
        ["dimensions"] = new JsonArray([.. Ga4Dimensions.Dimensions.Select(d => new JsonObject { ["name"] = d })]),
        ["metrics"] = new JsonArray([.. Ga4Dimensions.Metrics.Select(m => new JsonObject { ["name"] = m })]),
        ["orderBys"] = new JsonArray(new JsonObject { ["dimension"] = new JsonObject { ["dimensionName"] = "date" } }),
        ["limit"] = PageSize,
        ["offset"] = offset,
    };

    /// <summary>The property id the admin set (<c>123456789</c>, or <c>properties/123456789</c> as GA4 names it).</summary>
    public static string Property(ConnectionSettings settings) =>
        PropertyOrNull(settings) ?? throw new SettingMissingException("property_id", settings.Text("property_id") is not { } text
                ? "Set the GA4 property id (the property_id setting of this connection) for the daily report to know which property to read."
                : $"The GA4 property id '{text}' is not a property id: it is a number, e.g. 123456789 (Admin → Property details).");

    /// <summary>The property id, or null when it is not set or not a number.</summary>
    public static string? PropertyOrNull(ConnectionSettings settings)
    {
        var text = settings.Text("property_id")?.Trim();
        if (text?.StartsWith("properties/", StringComparison.Ordinal) == true)
        {
            text = text["properties/".Length..];
        }

        return text is { Length: > 0 and <= 20 } && text.All(char.IsAsciiDigit) ? text : null;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Max(DateOnly? a, DateOnly b) => a is { } x && x > b ? x : b;
}
