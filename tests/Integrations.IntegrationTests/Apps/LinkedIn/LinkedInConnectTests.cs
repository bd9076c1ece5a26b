using System.Net;
using System.Web;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Apps.LinkedIn;

/// <summary>Connecting a LinkedIn member: OpenID Connect's userinfo names the member, the token lasts 60 days and comes
/// without a refresh token.</summary>
public sealed class LinkedInConnectTests(LinkedInApp app) : IClassFixture<LinkedInApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_AsksForTheFourScopes_WithoutPkce()
    {
        var admin = await app.SignInAsync(Ct);

        var authorize = new Uri(await ConnectFlow.StartAsync(admin, "linkedin", Ct));

        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal(new Uri(app.LinkedIn.AuthorizeUrl).AbsolutePath, authorize.AbsolutePath);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(app.OAuthClient.Id, query["client_id"]);
        Assert.Equal("openid profile email w_member_social", query["scope"]);
        Assert.Null(query["code_challenge"]);
    }

    [Fact]
    public async Task Connect_StoresTheMemberBySub_With60DayTokenAndNoRefreshToken()
    {
        var connectedAt = app.Clock.GetUtcNow();

        var (account, key, id) = await app.ConnectAsync(Ct);

        var connection = Assert.Single(await ConnectFlow.ConnectionsAsync(app, account.LinkedInId));
        Assert.Equal(key, connection.Id);
        Assert.Equal(account.Name, connection.AccountName);
        Assert.Null(connection.RefreshTokenCiphertext);
        Assert.Equal(connectedAt.AddDays(60), connection.ExpiresAt);
        Assert.Equal(["email", "openid", "profile", "w_member_social"], connection.Scopes.Order());
        var view = await app.ConnectionAsync(id, Ct);
        Assert.Equal("active", view.GetProperty("status").GetString());
        Assert.Equal(account.LinkedInId, view.GetProperty("account").GetString());
        Assert.Equal(connectedAt.AddDays(60), view.GetProperty("expires_at").GetDateTimeOffset());
        var token = app.LinkedIn.Requests.Last(r => r.Path == new Uri(app.LinkedIn.TokenUrl).AbsolutePath);
        Assert.Equal(("authorization_code", 200), (token.GrantType, token.Status));
    }

    [Fact]
    public async Task Connect_SaysConsentWasDeclined_AndStoresNothing_WhenTheMemberCancels()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.LinkedIn.Account = ConnectFlow.NewAccount();

        using var back = await ConnectFlow.ConnectAsync(admin, "linkedin", app.LinkedIn, false, Ct);

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Contains("The consent was declined, so nothing was connected.", await back.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await ConnectFlow.ConnectionsAsync(app, account.LinkedInId));
    }
}
