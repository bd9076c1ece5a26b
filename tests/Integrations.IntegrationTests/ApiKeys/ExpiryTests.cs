using System.Net;
using Integrations.Testing;

namespace Integrations.IntegrationTests.ApiKeys;

public sealed class ExpiryTests(ClockedSentinelApp app) : IClassFixture<ClockedSentinelApp>
{
    [Fact]
    public async Task Api_Answers401ExpiredKey_WhenExpiryPassesWhileKeyIsCached()
    {
        var ct = TestContext.Current.CancellationToken;
        var issued = await Keys.IssueAsync(app, ["keys:manage"], expiresAt: app.Clock.GetUtcNow().AddHours(1));
        var client = app.Client(issued.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/keys", ct)).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(2));

        await (await client.GetAsync("/api/v1/keys", ct)).AssertKeyRefusedAsync("expired_api_key");
    }
}
