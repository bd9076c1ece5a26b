using System.Net;
using System.Security.Cryptography;
using System.Text;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Apps.Zoom;

/// <summary>Zoom's page: the webhook URL to register, and the Secret Token entered with the workspace's Zoom client,
/// which then answers Zoom's URL validation.</summary>
public sealed class ZoomClientPageTests(ZoomApp app) : IClassFixture<ZoomApp>
{
    private const string Page = "/integrations/apps/zoom";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ZoomsPage_ShowsTheWebhookUrl_AndTheSecretTokenSavedThereAnswersUrlValidation()
    {
        var admin = await app.SignInAsync(Ct);
        const string token = "wsZoomSecretToken42abcdef";

        var page = await admin.GetStringAsync(Page, Ct);
        using (var saved = await admin.PostFormAsync(Page, $"{Page}?handler=Client",
                   new Dictionary<string, string> { ["ClientId"] = "zoomWorkspaceClient1", ["ClientSecret"] = "zoom-client-secret", ["SigningSecret"] = token }, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var validation = await ZoomRequests.PostAsync(app.CreateClient(), ZoomRequests.UrlValidation("plainTok3n"), token, app.Clock.GetUtcNow(), Ct);

        Assert.Contains("<code id=\"events-url\">http://localhost/api/v1/apps/zoom/webhook</code>", page, StringComparison.Ordinal);
        Assert.Contains("Secret Token (Features ", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Signing secret (Basic Information", page, StringComparison.Ordinal);
        Assert.DoesNotContain(token, await admin.GetStringAsync(Page, Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, validation.StatusCode);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes("plainTok3n")));
        Assert.Equal($$"""{"plainToken":"plainTok3n","encryptedToken":"{{expected}}"}""", await validation.Content.ReadAsStringAsync(Ct));
    }
}
