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

    [Fact]
    public async Task AdminCookie_IsSecure_WhenSignedInOverHttps_AndHstsTellsBrowsersToStayThere()
    {
        var https = app.CreateClient(new() { BaseAddress = new Uri("https://sentinel.example"), AllowAutoRedirect = false, HandleCookies = false });
        var form = await https.GetAsync("/Account/Login", Ct);
        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(Ct),
            "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = SentinelApp.AdminEmail, ["Password"] = SentinelApp.AdminPassword, ["__RequestVerificationToken"] = token,
            }),
        };
        signIn.Headers.Add("Cookie", string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));

        using var signedIn = await https.SendAsync(signIn, Ct);

        var authCookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sentinel.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(form.Headers.Contains("Strict-Transport-Security"));
        Assert.False((await app.CreateClient().GetAsync("/Account/Login", Ct)).Headers.Contains("Strict-Transport-Security"));
    }
}
