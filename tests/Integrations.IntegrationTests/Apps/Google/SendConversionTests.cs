using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;
using static Integrations.IntegrationTests.Apps.Google.GoogleConnections;

namespace Integrations.IntegrationTests.Apps.Google;

/// <summary>GA4's <c>send_conversion</c> through the fake Measurement Protocol.</summary>
public sealed class SendConversionTests(GoogleApp app) : IClassFixture<GoogleApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendConversion_PostsTheEvent_WithTheConnectionsMeasurementIdAndSecret()
    {
        var (_, _, id) = await ConnectAsync(app, "ga4", Ct);
        await SetAsync(app, id, new { measurement_id = "G-TEST123", api_secret = "mp-secret-1" }, Ct);
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);
        var hits = app.Ga4.Hits.Count;

        using var response = await writer.PostAsJsonAsync($"/api/v1/connections/{id}/actions/send_conversion", new
        {
            input = new { client_id = "123.456", event_name = "close_convert_lead", value = 1200, currency = "EUR", transaction_id = "deal_1" },
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        Assert.True(result.GetProperty("sent").GetBoolean());
        var hit = Assert.Single(app.Ga4.Hits.Skip(hits));
        Assert.Equal(("G-TEST123", "mp-secret-1"), (hit.MeasurementId, hit.ApiSecret));
        var body = JsonDocument.Parse(hit.Body).RootElement;
        Assert.Equal("123.456", body.GetProperty("client_id").GetString());
        var sent = Assert.Single(body.GetProperty("events").EnumerateArray());
        Assert.Equal("close_convert_lead", sent.GetProperty("name").GetString());
        Assert.Equal((1200m, "EUR", "deal_1"), (sent.GetProperty("params").GetProperty("value").GetDecimal(),
            sent.GetProperty("params").GetProperty("currency").GetString(), sent.GetProperty("params").GetProperty("transaction_id").GetString()));
        Assert.False(app.Google.Requests.Any(r => r.Path == "/mp/collect" && r.Token is not null), "no OAuth token travels to the Measurement Protocol");
    }

    [Fact]
    public async Task SendConversion_Is400NamingTheSetting_WhenTheSecretIsNotSet()
    {
        var (_, _, id) = await ConnectAsync(app, "ga4", Ct);
        await SetAsync(app, id, new { measurement_id = "G-TEST123" }, Ct);
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);
        var hits = app.Ga4.Hits.Count;

        using var response = await writer.PostAsJsonAsync($"/api/v1/connections/{id}/actions/send_conversion",
            new { input = new { client_id = "1.2", event_name = "purchase" } }, Ct);

        Assert.Contains("API secret", await response.AssertInvalidFieldAsync("settings.api_secret"), StringComparison.Ordinal);
        Assert.Equal(hits, app.Ga4.Hits.Count);
    }

    [Theory]
    [InlineData("google_thing", null, "input.event_name")]
    [InlineData("9lives", null, "input.event_name")]
    [InlineData("purchase", "euro", "input.currency")]
    public async Task SendConversion_Is400NamingTheInput_GA4WouldDrop(string name, string? currency, string field)
    {
        var (_, _, id) = await ConnectAsync(app, "ga4", Ct);
        await SetAsync(app, id, new { measurement_id = "G-TEST123", api_secret = "s" }, Ct);
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);

        using var response = await writer.PostAsJsonAsync($"/api/v1/connections/{id}/actions/send_conversion",
            new { input = new { client_id = "1.2", event_name = name, value = 5, currency } }, Ct);

        await response.AssertInvalidFieldAsync(field);
    }
}
