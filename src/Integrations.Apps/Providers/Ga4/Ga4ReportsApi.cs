using System.Globalization;
using Integrations.Platform.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Apps.Providers.Ga4;

internal static class Ga4ReportsApi
{
    public static void MapGa4ReportsEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("/apps/ga4/reports", Read).RequireScope(AppsScopes.Read).WithTags("Apps")
            .WithSummary("A GA4 connection's daily report (from the daily_report sync): per date, sessions, total users and conversions, in all and per session source / medium.");

    private static async Task<Results<Ok<Ga4Report>, ProblemHttpResult, ValidationProblem>> Read(
        Ga4Reports reports, TimeProvider clock, string? connection, string? from, string? to, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(connection))
        {
            errors["connection"] = ["The GA4 connection's id (cxn_…) is required."];
        }

        var end = Date(to, "to", errors) ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = Date(from, "from", errors) ?? end.AddDays(-29);
        if (errors.Count == 0 && start > end)
        {
            errors["from"] = ["from is after to."];
        }
        else if (errors.Count == 0 && end.DayNumber - start.DayNumber >= Ga4Reports.MaxDays)
        {
            errors["to"] = [$"A report covers at most {Ga4Reports.MaxDays} days."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await reports.ReadAsync(connection!, start, end, ct) is { } report ? TypedResults.Ok(report) : ApiProblems.NotFound("GA4 connection", connection!);
    }

    private static DateOnly? Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = ["Expected a date as YYYY-MM-DD."];
        return null;
    }
}
