using System.Net;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Platform;

public sealed class ShellTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/audit")]
    [InlineData("/hangfire")]
    [InlineData("/integrations/webhooks")]
    [InlineData("/integrations/imports")]
    public async Task AdminPages_RedirectToSignIn_WhenAnonymous(string path)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HangfireDashboard_Opens_WhenAdminSignedIn()
    {
        var client = app.CreateClient();
        await SentinelApp.SignInAsync(client, Ct);

        var page = await client.GetStringAsync("/hangfire", Ct);

        Assert.Contains("Sentinel jobs", page, StringComparison.Ordinal);
    }
}
