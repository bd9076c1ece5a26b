using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.Ga4;

/// <summary>
/// GA4 on a Google-style <see cref="FakeOAuthProvider"/> (map it through <see cref="FakeOAuthOptions.Apis"/>): the Data
/// API's <c>POST /v1beta/properties/{id}:runReport</c> over the rows a test puts in a property (dimensions
/// <c>date</c>, <c>sessionSource</c>, <c>sessionMedium</c>, <c>sessionSourceMedium</c>; metrics <c>sessions</c>,
/// <c>totalUsers</c>, <c>keyEvents</c>; <c>limit</c> / <c>offset</c>; <c>rowCount</c>), answered in Google's shapes,
/// errors included; and the Measurement Protocol's <c>POST /mp/collect</c>, which answers 204 to anything, as GA4's does.
/// </summary>
public sealed class FakeGa4
{
    private static readonly string[] KnownDimensions = ["date", "sessionSource", "sessionMedium", "sessionSourceMedium"];
    private static readonly Dictionary<string, string> KnownMetrics = new() { ["sessions"] = "TYPE_INTEGER", ["totalUsers"] = "TYPE_INTEGER", ["keyEvents"] = "TYPE_FLOAT" };
    private readonly ConcurrentDictionary<string, (string Account, List<FakeGa4Row> Rows)> properties = new();

    /// <summary>The most rows one page holds whatever the request's <c>limit</c> (GA4's own ceiling is 250,000).</summary>
    public int MaxRowsPerPage { get; set; } = 250_000;

    public ConcurrentQueue<FakeGa4Query> Queries { get; } = [];

    public ConcurrentQueue<FakeMeasurementHit> Hits { get; } = [];

    /// <summary>Puts a property that <paramref name="account"/> can read, with these rows (replacing any before).</summary>
    public void SetProperty(string property, FakeAccount account, params FakeGa4Row[] rows) => properties[property] = (account.Email, [.. rows]);

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1beta/properties/{property}:runReport", RunReport).RequireFakeAccessToken();
        endpoints.MapPost("/mp/collect", Collect);
    }

    private IResult RunReport(HttpContext context, string property, JsonObject? body)
    {
        var grant = context.FakeGrant();
        if (!grant.Allows("https://www.googleapis.com/auth/analytics.readonly"))
        {
            return GoogleApiError.Of(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.", "insufficientPermissions");
        }

        if (!properties.TryGetValue(property, out var held) || held.Account != grant.Account.Email)
        {
            return GoogleApiError.Of(403, "PERMISSION_DENIED", "User does not have sufficient permissions for this property. To learn more about Property ID, see https://developers.google.com/analytics/devguides/reporting/data/v1/property-id.");
        }

        var dimensions = Names(body?["dimensions"]);
        var metrics = Names(body?["metrics"]);
        if (dimensions.FirstOrDefault(d => !KnownDimensions.Contains(d)) is { } dimension)
        {
            return GoogleApiError.Of(400, "INVALID_ARGUMENT", $"Field {dimension} is not a valid dimension. For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema ");
        }

        if (metrics.Count == 0)
        {
            return GoogleApiError.Of(400, "INVALID_ARGUMENT", "At least one metric is required.");
        }

        if (metrics.FirstOrDefault(m => !KnownMetrics.ContainsKey(m)) is { } metric)
        {
            return GoogleApiError.Of(400, "INVALID_ARGUMENT", $"Field {metric} is not a valid metric. For a list of valid dimensions and metrics, see https://developers.google.com/analytics/devguides/reporting/data/v1/api-schema ");
        }

        var range = body?["dateRanges"]?[0];
        if (!TryDate(range?["startDate"], out var start) || !TryDate(range?["endDate"], out var end))
        {
            return GoogleApiError.Of(400, "INVALID_ARGUMENT", "dateRanges: a startDate and an endDate (YYYY-MM-DD) are required.");
        }

        var offset = Long(body?["offset"]) ?? 0;
        var limit = Long(body?["limit"]) ?? 10_000;
        Queries.Enqueue(new FakeGa4Query(property, start, end, offset, limit));
        var rows = held.Rows.Where(r => r.Date >= start && r.Date <= end)
            .GroupBy(r => string.Join('\u0001', dimensions.Select(d => Dimension(r, d))))
            .Select(g => (Dimensions: dimensions.Select(d => Dimension(g.First(), d)).ToList(), Rows: g.ToList()))
            .OrderBy(g => g.Dimensions.FirstOrDefault(), StringComparer.Ordinal).ThenBy(g => string.Join('/', g.Dimensions), StringComparer.Ordinal)
            .ToList();
        var page = rows.Skip((int)offset).Take((int)Math.Min(limit, MaxRowsPerPage)).Select(g => new JsonObject
        {
            ["dimensionValues"] = new JsonArray([.. g.Dimensions.Select(v => new JsonObject { ["value"] = v })]),
            ["metricValues"] = new JsonArray([.. metrics.Select(m => new JsonObject { ["value"] = Metric(g.Rows, m) })]),
        }).ToList();
        var answer = new JsonObject
        {
            ["dimensionHeaders"] = new JsonArray([.. dimensions.Select(d => new JsonObject { ["name"] = d })]),
            ["metricHeaders"] = new JsonArray([.. metrics.Select(m => new JsonObject { ["name"] = m, ["type"] = KnownMetrics[m] })]),
        };
        // Like GA4 (proto3 JSON), an empty report has neither rows nor rowCount.
        if (rows.Count > 0)
        {
            answer["rows"] = new JsonArray([.. page]);
            answer["rowCount"] = rows.Count;
        }

        answer["metadata"] = new JsonObject { ["currencyCode"] = "USD", ["timeZone"] = "Etc/UTC" };
        answer["kind"] = "analyticsData#runReport";
        return Results.Json(answer);
    }

    private async Task<IResult> Collect(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        Hits.Enqueue(new FakeMeasurementHit(request.Query["measurement_id"], request.Query["api_secret"], await reader.ReadToEndAsync()));
        return Results.NoContent();
    }

    private static string Dimension(FakeGa4Row row, string name) => name switch
    {
        "date" => row.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
        "sessionSource" => row.Source,
        "sessionMedium" => row.Medium,
        _ => $"{row.Source} / {row.Medium}",
    };

    private static string Metric(List<FakeGa4Row> rows, string name) => name switch
    {
        "sessions" => rows.Sum(r => r.Sessions).ToString(CultureInfo.InvariantCulture),
        "totalUsers" => rows.Sum(r => r.TotalUsers).ToString(CultureInfo.InvariantCulture),
        _ => rows.Sum(r => r.KeyEvents).ToString(CultureInfo.InvariantCulture),
    };

    private static List<string> Names(JsonNode? list) =>
        list is JsonArray items ? [.. items.Select(i => i?["name"]?.GetValue<string>()).OfType<string>()] : [];

    // int64 fields come as JSON numbers or, as protobuf's JSON mapping writes them, strings.
    private static long? Long(JsonNode? node) => node is JsonValue value
        ? value.TryGetValue<long>(out var n) ? n : value.TryGetValue<string>(out var s) && long.TryParse(s, CultureInfo.InvariantCulture, out n) ? n : null
        : null;

    private static bool TryDate(JsonNode? node, out DateOnly date)
    {
        date = default;
        return node is JsonValue value && value.TryGetValue<string>(out var text)
            && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
