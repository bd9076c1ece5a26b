using System.Net;
using Integrations.Testing;

namespace Integrations.IntegrationTests.ApiKeys;

/// <summary>The default workspace on the Starter plan, configured down to 3 requests a minute.</summary>
public sealed class StarterPlanApp : ClockedSentinelApp
{
    public const int Limit = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sentinel:DefaultWorkspace:Plan"] = "Starter",
        ["Sentinel:Plans:Starter:RequestsPerMinute"] = Limit.ToString(),
    };
}

public sealed class RateLimitTests(StarterPlanApp app) : IClassFixture<StarterPlanApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_CountsDownRateLimitHeaders_OnEveryResponse()
    {
        var client = app.Client((await Keys.IssueAsync(app, ["keys:manage"])).Key);
        var resetBefore = SecondsToNextMinute();

        for (var remaining = StarterPlanApp.Limit - 1; remaining >= 0; remaining--)
        {
            var response = await client.GetAsync("/api/v1/keys", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(StarterPlanApp.Limit.ToString(), Header(response, "RateLimit-Limit"));
            Assert.Equal(remaining.ToString(), Header(response, "RateLimit-Remaining"));
            Assert.Equal(resetBefore.ToString(), Header(response, "RateLimit-Reset"));
        }
    }

    [Fact]
    public async Task Api_Answers429WithRetryAfter_WhenKeyExceedsPlanLimit()
    {
        var client = app.Client((await Keys.IssueAsync(app, ["keys:manage"])).Key);
        for (var i = 0; i < StarterPlanApp.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/keys", Ct)).StatusCode);
        }

        var response = await client.GetAsync("/api/v1/keys", Ct);

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(SecondsToNextMinute().ToString(), Header(response, "Retry-After"));
        Assert.Equal("0", Header(response, "RateLimit-Remaining"));
        Assert.Equal(StarterPlanApp.Limit.ToString(), Header(response, "RateLimit-Limit"));
        Assert.Equal(SecondsToNextMinute().ToString(), Header(response, "RateLimit-Reset"));
    }

    [Fact]
    public async Task Api_LimitsEachKeySeparately_WhenAnotherKeyIsExhausted()
    {
        var exhausted = app.Client((await Keys.IssueAsync(app, ["keys:manage"])).Key);
        for (var i = 0; i <= StarterPlanApp.Limit; i++)
        {
            await exhausted.GetAsync("/api/v1/keys", Ct);
        }

        var fresh = await app.Client((await Keys.IssueAsync(app, ["keys:manage"])).Key).GetAsync("/api/v1/keys", Ct);

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal((StarterPlanApp.Limit - 1).ToString(), Header(fresh, "RateLimit-Remaining"));
    }

    [Fact]
    public async Task Api_CarriesRateLimitHeaders_WhenAnswering403()
    {
        var response = await app.Client((await Keys.IssueAsync(app, ["crm:read"])).Key).GetAsync("/api/v1/keys", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(StarterPlanApp.Limit.ToString(), Header(response, "RateLimit-Limit"));
    }

    private int SecondsToNextMinute()
    {
        var now = app.Clock.GetUtcNow();
        var nextMinute = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddMinutes(1);
        return (int)Math.Ceiling((nextMinute - now).TotalSeconds);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;
}
