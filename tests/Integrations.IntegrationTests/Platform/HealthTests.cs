using System.Net;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Platform;

public sealed class HealthTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    [Fact]
    public async Task Ready_Answers200_WhenDatabaseIsUp()
    {
        var response = await app.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
