using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>The throttle over the webhooks API: validated field by field, stored, and shown with the current window.</summary>
public sealed class ThrottleApiTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Throttle_RoundTripsThroughSubscribeGetAndPatch_AndNullMeansNoLimit()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:read", "webhooks:write");

        var created = await Created(await client.PostAsJsonAsync("/api/v1/webhooks/subscribe",
            new { url = Subscribers.PublicUrl, events = new[] { "invoice.paid" }, throttle = new { max_per_second = 5, max_in_flight = 3 } }, Ct));
        var id = created.GetProperty("webhook_id").GetString();

        Assert.Equal((5, 3, 3), Throttle(created));
        Assert.Equal((5, 3, 3), Throttle(await client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}", Ct)));
        var renamed = await client.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { name = "Billing" }, Ct);
        Assert.Equal((5, 3, 3), Throttle(await renamed.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        var lifted = await client.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { throttle = new { max_per_second = (int?)null, max_in_flight = 7 } }, Ct);
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal((null, 7, 7), Throttle(await client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}", Ct)));
    }

    [Fact]
    public async Task Subscribe_HasNoThrottle_AndTheInstanceConcurrencyAsWindow_WhenNoneIsGiven()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:read", "webhooks:write");

        var created = await client.SubscribeAsync(["invoice.paid"]);

        Assert.Equal((null, null, 32), Throttle(created));
    }

    [Theory]
    [InlineData("max_per_second", 0)]
    [InlineData("max_per_second", -1)]
    [InlineData("max_per_second", 1_000_000)]
    [InlineData("max_in_flight", 0)]
    [InlineData("max_in_flight", -5)]
    [InlineData("max_in_flight", 100_000)]
    public async Task SubscribeAndPatch_Answer400NamingTheField_AndStoreNothing_WhenALimitIsZeroNegativeOrAbsurd(string field, int value)
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:read", "webhooks:write");
        var id = (await client.SubscribeAsync(["invoice.paid"])).GetProperty("webhook_id").GetString();
        var throttle = new Dictionary<string, int> { [field] = value };

        var subscribe = await client.PostAsJsonAsync("/api/v1/webhooks/subscribe", new { url = Subscribers.PublicUrl, events = new[] { "invoice.paid" }, throttle }, Ct);
        var patch = await client.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { throttle }, Ct);

        Assert.Contains("whole number from 1", await subscribe.AssertInvalidFieldAsync($"throttle.{field}"), StringComparison.Ordinal);
        Assert.Contains("whole number from 1", await patch.AssertInvalidFieldAsync($"throttle.{field}"), StringComparison.Ordinal);
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/webhooks", Ct)).GetProperty("data").EnumerateArray());
        Assert.Equal((null, null, 32), Throttle(await client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}", Ct)));
    }

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static (int? MaxPerSecond, int? MaxInFlight, int Window) Throttle(JsonElement webhook)
    {
        var throttle = webhook.GetProperty("throttle");
        static int? Limit(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt32();
        return (Limit(throttle.GetProperty("max_per_second")), Limit(throttle.GetProperty("max_in_flight")),
            throttle.GetProperty("in_flight_window").GetInt32());
    }
}
