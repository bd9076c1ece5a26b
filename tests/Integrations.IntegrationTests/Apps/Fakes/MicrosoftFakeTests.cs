using System.Net;
using System.Text.Json;
using Duende.IdentityModel.Client;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using static Integrations.IntegrationTests.Apps.Fakes.IdentityModelClient;

namespace Integrations.IntegrationTests.Apps.Fakes;

/// <summary>The Microsoft-style fake speaks the identity platform's v2.0 code flow and Graph's <c>/me</c>.</summary>
public sealed class MicrosoftFakeTests
{
    private const string RedirectUri = "http://127.0.0.1:5999/integrations/apps/callback";
    private const string Scopes = "offline_access Mail.Read Mail.Send Calendars.ReadWrite User.Read";
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Authorize_RedirectsWithCodeAndState_ForAnyTenant()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var tenantUrl = fake.AuthorizeUrl.Replace("/common/", "/organizations/", StringComparison.Ordinal);

        var redirect = await fake.ConsentAsync(AuthorizeUrl(tenantUrl, client, Pkce.New(), "state-42"), cancellationToken: Ct);

        var parameters = Callback.Parameters(redirect);
        Assert.Equal(RedirectUri, Callback.Without(redirect));
        Assert.Equal("state-42", parameters["state"]);
        Assert.StartsWith("1.AXkA", parameters["code"]);
    }

    [Fact]
    public async Task Authorize_RedirectsWithAccessDeniedAndAadsts65004_WhenTheUserDenies()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);

        var redirect = await fake.ConsentAsync(AuthorizeUrl(fake.AuthorizeUrl, client, Pkce.New(), "state-7"), allow: false, Ct);

        var parameters = Callback.Parameters(redirect);
        Assert.Equal(("access_denied", "state-7"), (parameters["error"], parameters["state"]));
        Assert.StartsWith("AADSTS65004:", parameters["error_description"]);
    }

    [Fact]
    public async Task CodeExchange_IssuesTokensThatReadGraphMe_ThroughIdentityModelWithBasicAuthentication()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        fake.Account = new FakeAccount("bea@contoso.example", "Bea Souza");
        var pkce = Pkce.New();
        var code = await CodeAsync(fake, client, pkce);

        var tokens = await RedeemAsync(fake, client, code, pkce.Verifier, credentials: ClientCredentialStyle.AuthorizationHeader);
        using var me = await Bearer.GetAsync(fake.IdentityUrl, tokens.AccessToken!);
        var body = JsonDocument.Parse(await me.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.False(tokens.IsError, tokens.Error);
        Assert.Equal(("Bearer", 5), (tokens.TokenType, tokens.ExpiresIn));
        Assert.NotNull(tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("bea@contoso.example", body.GetProperty("mail").GetString());
        Assert.Equal("bea@contoso.example", body.GetProperty("userPrincipalName").GetString());
        Assert.Equal("Bea Souza", body.GetProperty("displayName").GetString());
        Assert.Equal(fake.Account.ObjectId, body.GetProperty("id").GetGuid());
        Assert.Null(fake.RevokeUrl);
    }

    [Fact]
    public async Task CodeExchange_IssuesNoRefreshToken_WithoutOfflineAccess()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var pkce = Pkce.New();

        var code = Callback.Parameters(await fake.ConsentAsync(AuthorizeUrl(fake.AuthorizeUrl, client, pkce, "s", "User.Read"), cancellationToken: Ct))["code"];
        var tokens = await RedeemAsync(fake, client, code, pkce.Verifier);

        Assert.False(tokens.IsError, tokens.Error);
        Assert.Null(tokens.RefreshToken);
    }

    [Fact]
    public async Task CodeExchange_AnswersAadsts54005_WhenTheCodeIsUsedTwice()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var pkce = Pkce.New();
        var code = await CodeAsync(fake, client, pkce);

        await RedeemAsync(fake, client, code, pkce.Verifier);
        var second = await RedeemAsync(fake, client, code, pkce.Verifier);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant", 54005), (second.HttpStatusCode, second.Error, ErrorCode(second)));
    }

    [Fact]
    public async Task CodeExchange_AnswersInvalidGrant_WhenTheVerifierDoesNotMatch()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);

        var tokens = await RedeemAsync(fake, client, await CodeAsync(fake, client, Pkce.New()), Pkce.New().Verifier);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant", 501481), (tokens.HttpStatusCode, tokens.Error, ErrorCode(tokens)));
    }

    [Fact]
    public async Task CodeExchange_AnswersInvalidClient401_WhenTheSecretIsWrong()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var pkce = Pkce.New();

        var tokens = await RedeemAsync(fake, client, await CodeAsync(fake, client, pkce), pkce.Verifier, secret: "abc8Q~wrong");

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client", 7000215), (tokens.HttpStatusCode, tokens.TryGet("error"), ErrorCode(tokens)));
    }

    [Fact]
    public async Task Refresh_AlwaysRotates_AndTheOldRefreshTokenAnswersInvalidGrant()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var granted = fake.IssueTokens(client, fake.Account, Scopes.Split(' '));

        var rotated = await RefreshAsync(fake, client, granted.RefreshToken!, Scopes);
        var reused = await RefreshAsync(fake, client, granted.RefreshToken!, Scopes);

        Assert.False(rotated.IsError, rotated.Error);
        Assert.NotEqual(granted.RefreshToken, rotated.RefreshToken);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant", 70008), (reused.HttpStatusCode, reused.Error, ErrorCode(reused)));
        Assert.StartsWith("AADSTS70008:", reused.ErrorDescription);
    }

    [Fact]
    public async Task Me_Answers401InvalidAuthenticationToken_WhenTheAccessTokenExpired()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var granted = fake.IssueTokens(client, fake.Account, Scopes.Split(' '));

        clock.Advance(TimeSpan.FromSeconds(6));
        using var me = await Bearer.GetAsync(fake.IdentityUrl, granted.AccessToken);
        var error = JsonDocument.Parse(await me.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", error.GetProperty("code").GetString());
        Assert.StartsWith("Bearer", me.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Me_Answers403_WithoutAUserScope()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var granted = fake.IssueTokens(client, fake.Account, "offline_access", "Mail.Read");

        using var me = await Bearer.GetAsync(fake.IdentityUrl, granted.AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, me.StatusCode);
    }

    private static string AuthorizeUrl(string authorizeUrl, FakeOAuthClient client, Pkce pkce, string state, string scopes = Scopes) =>
        new RequestUrl(authorizeUrl).CreateAuthorizeUrl(
            client.Id, "code", scopes, client.RedirectUris[0], state, codeChallenge: pkce.Challenge, codeChallengeMethod: "S256");

    private static int ErrorCode(TokenResponse response) => response.Json!.Value.GetProperty("error_codes")[0].GetInt32();

    private Task<FakeOAuthProvider> StartAsync() => FakeOAuthProvider.StartAsync(
        new FakeOAuthOptions(OAuthStyle.Microsoft) { Clock = clock, AccessTokenLifetime = TimeSpan.FromSeconds(5) });

    private static async Task<string> CodeAsync(FakeOAuthProvider fake, FakeOAuthClient client, Pkce pkce) =>
        Callback.Parameters(await fake.ConsentAsync(AuthorizeUrl(fake.AuthorizeUrl, client, pkce, "state-1"), cancellationToken: Ct))["code"];

}
