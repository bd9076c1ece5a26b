using System.Net;
using Duende.IdentityModel.Client;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using static Integrations.IntegrationTests.Apps.Fakes.IdentityModelClient;

namespace Integrations.IntegrationTests.Apps.Fakes;

/// <summary>The Google-style fake speaks Google's OAuth 2.0 for web server apps, checked with a real OAuth client library.</summary>
public sealed class GoogleFakeTests
{
    private const string RedirectUri = "http://127.0.0.1:5999/integrations/apps/callback";
    private const string Scopes = "openid email profile https://www.googleapis.com/auth/gmail.readonly";
    private static readonly HttpClient Http = new();
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Authorize_RedirectsWithCodeAndState_WhenTheUserAllows()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var url = AuthorizeUrl(fake, client, Pkce.New(), state: "state-42");

        var page = await Http.GetStringAsync(url, Ct);
        var redirect = await fake.ConsentAsync(url, cancellationToken: Ct);

        Assert.Contains("<button id=\"allow\"", page);
        Assert.Contains(client.Id, page);
        Assert.Contains("https://www.googleapis.com/auth/gmail.readonly", page);
        Assert.Equal(RedirectUri, Callback.Without(redirect));
        var parameters = Callback.Parameters(redirect);
        Assert.Equal("state-42", parameters["state"]);
        Assert.StartsWith("4/0A", parameters["code"]);
        Assert.Contains("https://www.googleapis.com/auth/userinfo.email", parameters["scope"]);
    }

    [Fact]
    public async Task Authorize_RedirectsWithAccessDeniedAndState_WhenTheUserDenies()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);

        var redirect = await fake.ConsentAsync(AuthorizeUrl(fake, client, Pkce.New(), state: "state-7"), allow: false, Ct);

        Assert.Equal(new Dictionary<string, string> { ["error"] = "access_denied", ["state"] = "state-7" }, Callback.Parameters(redirect));
    }

    [Fact]
    public async Task Authorize_AnswersAnErrorPageWithoutRedirecting_WhenTheRedirectUriOrTheClientIsUnknown()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);

        using var wrongRedirect = await Http.GetAsync(
            new RequestUrl(fake.AuthorizeUrl).CreateAuthorizeUrl(client.Id, "code", Scopes, "http://127.0.0.1:5999/elsewhere", "s"), Ct);
        using var unknownClient = await Http.GetAsync(
            new RequestUrl(fake.AuthorizeUrl).CreateAuthorizeUrl("1-nobody.apps.googleusercontent.com", "code", Scopes, RedirectUri, "s"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, wrongRedirect.StatusCode);
        Assert.Contains("redirect_uri_mismatch", await wrongRedirect.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, unknownClient.StatusCode);
        Assert.Contains("invalid_client", await unknownClient.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task CodeExchange_IssuesTokensThatReadUserInfo_ThroughIdentityModel()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var pkce = Pkce.New();

        var tokens = await RedeemAsync(fake, client, await CodeAsync(fake, client, pkce), pkce.Verifier);
        var userInfo = await Http.GetUserInfoAsync(new UserInfoRequest { Address = fake.IdentityUrl, Token = tokens.AccessToken }, Ct);

        Assert.False(tokens.IsError, tokens.Error);
        Assert.Equal(("Bearer", 5), (tokens.TokenType, tokens.ExpiresIn));
        Assert.StartsWith("1//0", tokens.RefreshToken);
        Assert.False(userInfo.IsError, userInfo.Error);
        Assert.Equal(fake.Account.Subject, Claim(userInfo, "sub"));
        Assert.Equal("ana@example.com", Claim(userInfo, "email"));
        Assert.Equal("Ana Lima", Claim(userInfo, "name"));
    }

    [Fact]
    public async Task CodeExchange_AnswersInvalidGrant_WhenTheVerifierDoesNotMatch()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);

        var tokens = await RedeemAsync(fake, client, await CodeAsync(fake, client, Pkce.New()), Pkce.New().Verifier);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant", "Invalid code verifier."), (tokens.HttpStatusCode, tokens.Error, tokens.ErrorDescription));
    }

    [Fact]
    public async Task CodeExchange_AnswersInvalidGrant_WhenTheCodeIsUsedTwice()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var pkce = Pkce.New();
        var code = await CodeAsync(fake, client, pkce);

        var first = await RedeemAsync(fake, client, code, pkce.Verifier);
        var second = await RedeemAsync(fake, client, code, pkce.Verifier);

        Assert.False(first.IsError, first.Error);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (second.HttpStatusCode, second.Error));
    }

    [Fact]
    public async Task CodeExchange_AnswersInvalidGrant_WhenTheCodeExpired()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var pkce = Pkce.New();
        var code = await CodeAsync(fake, client, pkce);

        clock.Advance(TimeSpan.FromSeconds(61));
        var tokens = await RedeemAsync(fake, client, code, pkce.Verifier);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (tokens.HttpStatusCode, tokens.Error));
    }

    [Fact]
    public async Task CodeExchange_AnswersInvalidClient401_WhenTheSecretIsWrong()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var pkce = Pkce.New();

        var tokens = await RedeemAsync(fake, client, await CodeAsync(fake, client, pkce), pkce.Verifier, secret: "GOCSPX-wrong");

        // A 401 is an HTTP error to IdentityModel, which keeps the body: the provider's OAuth error is read from it.
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (tokens.HttpStatusCode, tokens.TryGet("error")));
    }

    [Fact]
    public async Task CodeExchange_IssuesARefreshTokenOnTheFirstConsentOnly_UnlessConsentIsAskedAgain()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var (a, b, c) = (Pkce.New(), Pkce.New(), Pkce.New());

        var first = await RedeemAsync(fake, client, await CodeAsync(fake, client, a, prompt: null), a.Verifier);
        var again = await RedeemAsync(fake, client, await CodeAsync(fake, client, b, prompt: null), b.Verifier);
        var prompted = await RedeemAsync(fake, client, await CodeAsync(fake, client, c, prompt: "consent"), c.Verifier);

        Assert.NotNull(first.RefreshToken);
        Assert.Null(again.RefreshToken);
        Assert.NotNull(prompted.RefreshToken);
    }

    [Fact]
    public async Task Refresh_KeepsTheRefreshToken_WhenRotationIsOff()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var granted = fake.IssueTokens(client, fake.Account, "email");

        var first = await RefreshAsync(fake, client, granted.RefreshToken!);
        var second = await RefreshAsync(fake, client, granted.RefreshToken!);

        Assert.False(second.IsError, second.Error);
        Assert.Null(first.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.Equal(2, fake.Counters.RefreshesOf(granted.RefreshToken!));
    }

    [Fact]
    public async Task Refresh_RefusesTheOldRefreshTokenWithInvalidGrant_WhenRotationIsOn()
    {
        await using var fake = await StartAsync(rotate: true);
        var client = fake.RegisterClient(RedirectUri);
        var granted = fake.IssueTokens(client, fake.Account, "email");

        var rotated = await RefreshAsync(fake, client, granted.RefreshToken!);
        var reused = await RefreshAsync(fake, client, granted.RefreshToken!);
        var next = await RefreshAsync(fake, client, rotated.RefreshToken!);

        Assert.NotEqual(granted.RefreshToken, rotated.RefreshToken);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant", "Token has been expired or revoked."), (reused.HttpStatusCode, reused.Error, reused.ErrorDescription));
        Assert.False(next.IsError, next.Error);
    }

    [Fact]
    public async Task UserInfo_Answers401WithWwwAuthenticate_WhenTheAccessTokenExpired()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var granted = fake.IssueTokens(client, fake.Account, "email");

        clock.Advance(TimeSpan.FromSeconds(6));
        using var answer = await Bearer.GetAsync(fake.IdentityUrl, granted.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains("error=\"invalid_token\"", answer.Headers.WwwAuthenticate.ToString());
        Assert.Equal(AccessTokenState.Expired, fake.CheckAccessToken(granted.AccessToken));
    }

    [Fact]
    public async Task Revoke_RefusesTheNextRefreshAndTheAccessToken()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var granted = fake.IssueTokens(client, fake.Account, "email");

        var revoked = await Http.RevokeTokenAsync(
            new TokenRevocationRequest { Address = fake.RevokeUrl!, ClientId = client.Id, ClientSecret = client.Secret, Token = granted.RefreshToken! }, Ct);
        var refreshed = await RefreshAsync(fake, client, granted.RefreshToken!);

        Assert.False(revoked.IsError, revoked.Error);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (refreshed.HttpStatusCode, refreshed.Error));
        Assert.Equal(AccessTokenState.Revoked, fake.CheckAccessToken(granted.AccessToken));
        Assert.Equal(1, fake.Counters.Revocations);
    }

    [Fact]
    public async Task RevokeGrantsOf_RefusesThatAccountsNextRefresh_AndNoOtherAccounts()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var (ana, bea) = (new FakeAccount("ana@example.com"), new FakeAccount("bea@example.com"));
        var (anaTokens, beaTokens) = (fake.IssueTokens(client, ana, "email"), fake.IssueTokens(client, bea, "email"));

        fake.RevokeGrantsOf(ana);
        var anaRefresh = await RefreshAsync(fake, client, anaTokens.RefreshToken!);
        var beaRefresh = await RefreshAsync(fake, client, beaTokens.RefreshToken!);

        Assert.Equal("invalid_grant", anaRefresh.Error);
        Assert.False(beaRefresh.IsError, beaRefresh.Error);
    }

    [Fact]
    public async Task Token_Answers429WithRetryAfterThenServesTheNextRequest_WhenAFaultIsInjected()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var granted = fake.IssueTokens(client, fake.Account, "email");

        fake.InjectFault(fake.TokenUrl, FakeFault.TooManyRequests(TimeSpan.FromSeconds(7)));
        var limited = await RefreshAsync(fake, client, granted.RefreshToken!);
        var served = await RefreshAsync(fake, client, granted.RefreshToken!);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.HttpStatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.HttpResponse!.Headers.RetryAfter!.Delta);
        Assert.False(served.IsError, served.Error);
        Assert.Equal(2, fake.Counters.TokenRequests("refresh_token"));
    }

    private static string AuthorizeUrl(FakeOAuthProvider fake, FakeOAuthClient client, Pkce pkce, string state = "state-1", string? prompt = "consent") =>
        new RequestUrl(fake.AuthorizeUrl).CreateAuthorizeUrl(
            client.Id, "code", Scopes, client.RedirectUris[0], state, prompt: prompt, codeChallenge: pkce.Challenge, codeChallengeMethod: "S256",
            extra: Parameters.FromObject(new { access_type = "offline" }));

    private static string Claim(UserInfoResponse userInfo, string type) => userInfo.Claims.Single(c => c.Type == type).Value;

    private Task<FakeOAuthProvider> StartAsync(bool rotate = false) => FakeOAuthProvider.StartAsync(
        new FakeOAuthOptions(OAuthStyle.Google) { Clock = clock, AccessTokenLifetime = TimeSpan.FromSeconds(5), RotateRefreshTokens = rotate });

    private static async Task<string> CodeAsync(FakeOAuthProvider fake, FakeOAuthClient client, Pkce pkce, string? prompt = "consent") =>
        Callback.Parameters(await fake.ConsentAsync(AuthorizeUrl(fake, client, pkce, prompt: prompt), cancellationToken: Ct))["code"];
}
