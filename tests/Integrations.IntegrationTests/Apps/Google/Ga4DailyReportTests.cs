using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Apps.Providers.Ga4;
using Integrations.Platform.Data;
using Integrations.Testing;
using Integrations.Testing.Fakes.Ga4;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Integrations.IntegrationTests.Apps.Google.GoogleConnections;

namespace Integrations.IntegrationTests.Apps.Google;

/// <summary>GA4's daily report: the sync against the fake Data API, the reports API and the chart on the app's page.</summary>
public sealed class Ga4DailyReportTests(GoogleApp app) : IClassFixture<GoogleApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task DailyReport_StoresEveryPage_ThenReReadsTheLastDays_WithoutDuplicates()
    {
        var (account, key, id) = await ConnectAsync(app, "ga4", Ct);
        var property = NewProperty();
        app.Ga4.SetProperty(property, account,
            Row(-40, "google", "organic", 99), Row(-20, "google", "organic", 10), Row(-20, "(direct)", "(none)", 4),
            Row(-5, "newsletter", "email", 7), Row(-1, "google", "organic", 12), Row(-1, "bing", "cpc", 3));
        app.Ga4.MaxRowsPerPage = 2;
        await SetAsync(app, id, new { property_id = property }, Ct);

        await app.RunSyncAsync(key, "daily_report");

        var first = app.Ga4.Queries.Where(q => q.Property == property).ToList();
        Assert.Equal([0L, 2L, 4L], first.Select(q => q.Offset));
        Assert.All(first, q => Assert.Equal((Today.AddDays(-30), Today), (q.StartDate, q.EndDate)));
        Assert.Equal(5, (await RowsAsync(key)).Count);
        Assert.Null((await app.SyncAsync(key, "daily_report")).LastError);

        // GA4 settles yesterday's numbers and finds one more visit; the next run reads the last days again.
        app.Ga4.SetProperty(property, account,
            Row(-40, "google", "organic", 99), Row(-20, "google", "organic", 10), Row(-20, "(direct)", "(none)", 4),
            Row(-5, "newsletter", "email", 7), Row(-1, "google", "organic", 15), Row(-1, "bing", "cpc", 3), Row(0, "bing", "cpc", 1));
        app.Ga4.MaxRowsPerPage = 250_000;
        await app.RunSyncAsync(key, "daily_report");
        await app.RunSyncAsync(key, "daily_report");

        var later = app.Ga4.Queries.Where(q => q.Property == property).Skip(first.Count).ToList();
        Assert.All(later, q => Assert.Equal((Today.AddDays(-3), Today), (q.StartDate, q.EndDate)));
        var rows = await RowsAsync(key);
        Assert.Equal(6, rows.Count);
        Assert.Equal(15, rows.Single(r => r.Date == Today.AddDays(-1) && r.Source == "google").Sessions);
        Assert.Equal(10, rows.Single(r => r.Date == Today.AddDays(-20) && r.Source == "google").Sessions);
        app.Ga4.MaxRowsPerPage = 250_000;
    }

    [Fact]
    public async Task DailyReport_EndsWithAnErrorNamingTheSetting_WhenNoPropertyIsSet()
    {
        var (_, key, _) = await ConnectAsync(app, "ga4", Ct);
        var queries = app.Ga4.Queries.Count;

        await app.RunSyncAsync(key, "daily_report");

        var sync = await app.SyncAsync(key, "daily_report");
        Assert.Contains("Set the GA4 property id (the property_id setting", sync.LastError, StringComparison.Ordinal);
        Assert.Equal("idle", sync.Status);
        Assert.Equal(queries, app.Ga4.Queries.Count);
    }

    [Fact]
    public async Task DailyReport_ShowsGa4sRefusal_WhenTheAccountCannotReadTheProperty()
    {
        var (_, key, id) = await ConnectAsync(app, "ga4", Ct);
        await SetAsync(app, id, new { property_id = "properties/999000111" }, Ct);

        await app.RunSyncAsync(key, "daily_report");

        Assert.Contains("PERMISSION_DENIED: User does not have sufficient permissions for this property",
            (await app.SyncAsync(key, "daily_report")).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_AnswerEveryDayWithTotalsAndSources()
    {
        var (account, key, id) = await ConnectAsync(app, "ga4", Ct);
        var property = NewProperty();
        app.Ga4.SetProperty(property, account, Row(-2, "google", "organic", 10, keyEvents: 1.5m), Row(-2, "bing", "cpc", 4), Row(0, "google", "organic", 2));
        await SetAsync(app, id, new { property_id = property }, Ct);
        await app.RunSyncAsync(key, "daily_report");
        var reader = app.Client((await Keys.IssueAsync(app, ["apps:read"])).Key);

        var report = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/apps/ga4/reports?connection={id}&from={Day(-3)}&to={Day(0)}", Ct);

        Assert.Equal((id, property), (report.GetProperty("connection_id").GetString(), report.GetProperty("property_id").GetString()));
        Assert.Equal(16, report.GetProperty("totals").GetProperty("sessions").GetInt64());
        var days = report.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal([Day(-3), Day(-2), Day(-1), Day(0)], days.Select(d => d.GetProperty("date").GetString()));
        var busy = days[1];
        Assert.Equal((14L, 1.5m), (busy.GetProperty("sessions").GetInt64(), busy.GetProperty("conversions").GetDecimal()));
        Assert.Equal(["google/organic", "bing/cpc"],
            busy.GetProperty("sources").EnumerateArray().Select(s => $"{s.GetProperty("source").GetString()}/{s.GetProperty("medium").GetString()}"));
        Assert.Equal(0, days[2].GetProperty("sessions").GetInt64());
    }

    [Fact]
    public async Task Reports_Are400NamingTheField_403WithoutTheScope_404ForAnotherApp()
    {
        var reader = app.Client((await Keys.IssueAsync(app, ["apps:read"])).Key);
        var none = app.Client((await Keys.IssueAsync(app, ["contacts:read"])).Key);
        var (_, _, calendar) = await ConnectAsync(app, "google-calendar", Ct);

        using var missing = await reader.GetAsync("/api/v1/apps/ga4/reports?from=2026-13-01", Ct);
        using var backwards = await reader.GetAsync($"/api/v1/apps/ga4/reports?connection={calendar}&from=2026-12-03&to=2026-12-01", Ct);
        using var tooLong = await reader.GetAsync($"/api/v1/apps/ga4/reports?connection={calendar}&from=2024-01-01&to=2026-12-01", Ct);
        using var other = await reader.GetAsync($"/api/v1/apps/ga4/reports?connection={calendar}", Ct);
        using var forbidden = await none.GetAsync($"/api/v1/apps/ga4/reports?connection={calendar}", Ct);

        Assert.Equal(["connection", "from"], await FieldsAsync(missing));
        Assert.Equal(["from"], await FieldsAsync(backwards));
        Assert.Equal(["to"], await FieldsAsync(tooLong));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Forbidden), (other.StatusCode, forbidden.StatusCode));
    }

    [Fact]
    public async Task AppPage_DrawsTheReport_AsSvgWithATable()
    {
        var (account, key, id) = await ConnectAsync(app, "ga4", Ct);
        var property = NewProperty();
        app.Ga4.SetProperty(property, account, Row(-1, "google", "organic", 321), Row(-1, "linkedin", "social", 9));
        await SetAsync(app, id, new { property_id = property }, Ct);
        await app.RunSyncAsync(key, "daily_report");
        var admin = await app.SignInAsync(Ct);

        var page = await admin.GetStringAsync("/integrations/apps/ga4", Ct);

        var section = page[page.IndexOf($"id=\"ga4-report-{id}\"", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Contains("<svg", section, StringComparison.Ordinal);
        Assert.Equal(3, section.Split("class=\"ga4-series\"").Length - 1);
        Assert.Contains("330 sessions", section, StringComparison.Ordinal);
        Assert.Contains($"<time datetime=\"{Day(-1)}\">", section, StringComparison.Ordinal);
        Assert.Contains("google / organic (321)", section, StringComparison.Ordinal);
        Assert.DoesNotContain("http", section.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private FakeGa4Row Row(int day, string source, string medium, long sessions, decimal keyEvents = 0) =>
        new(Today.AddDays(day), source, medium, sessions, Math.Max(1, sessions - 1), keyEvents);

    private string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string NewProperty() => Random.Shared.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    private static async Task<List<string>> FieldsAsync(HttpResponseMessage response) =>
        [.. (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order()];

    private async Task<List<Ga4DailyRow>> RowsAsync(Guid connection)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<Ga4DailyRow>().IgnoreQueryFilters()
            .Where(r => r.ConnectionId == connection).ToListAsync();
    }
}
