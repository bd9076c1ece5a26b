using System.Net;
using Integrations.Testing;

namespace Integrations.IntegrationTests.ApiKeys;

public sealed class ExpiryTests(ClockedSentinelApp app) : IClassFixture<ClockedSentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_Answers401ExpiredKey_WhenExpiryPassesWhileKeyIsCached()
    {
        var issued = await Keys.IssueAsync(app, ["keys:manage"], expiresAt: app.Clock.GetUtcNow().AddHours(1));
        var client = app.Client(issued.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/keys", Ct)).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(2));
        var response = await client.GetAsync("/api/v1/keys", Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("expired_api_key", problem.GetProperty("error").GetString());
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
    }
}
