using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.IntegrationTests.Apps.Fakes;

/// <summary>The Slack-style fake speaks Slack's OAuth v2 app installation: HTTP 200 with <c>ok</c> for every answer,
/// errors included, and refresh tokens only with token rotation.</summary>
public sealed class SlackFakeTests
{
    private const string RedirectUri = "http://127.0.0.1:5999/integrations/apps/callback";
    private static readonly HttpClient Http = new();
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Authorize_RedirectsWithCodeAndState_ToTheRegisteredRedirectUri()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        fake.Account = new FakeAccount("ana@example.com", TeamId: "T0ACME", TeamName: "Acme");
        var url = $"{fake.AuthorizeUrl}?client_id={client.Id}&scope=chat:write,channels:read&user_scope=&state=state-42";

        var page = await Http.GetStringAsync(url, Ct);
        var redirect = await fake.ConsentAsync(url, cancellationToken: Ct);

        Assert.Contains("<li>chat:write</li><li>channels:read</li>", page);
        Assert.Contains("Acme (T0ACME)", page);
        Assert.Equal(RedirectUri, Callback.Without(redirect));
        Assert.Equal("state-42", Callback.Parameters(redirect)["state"]);
    }

    [Fact]
    public async Task Authorize_RedirectsWithAccessDenied_WhenTheUserDenies()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);

        var redirect = await fake.ConsentAsync(AuthorizeUrl(fake, client, "state-7"), allow: false, Ct);

        Assert.Equal(new Dictionary<string, string> { ["error"] = "access_denied", ["state"] = "state-7" }, Callback.Parameters(redirect));
    }

    [Fact]
    public async Task OauthV2Access_AnswersABotTokenForTheTeam_WithBasicAuthentication()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        fake.Account = new FakeAccount("ana@example.com", TeamId: "T0ACME", TeamName: "Acme");

        var answer = await AccessAsync(client, fake.TokenUrl, basic: true, ("code", await CodeAsync(fake, client)), ("redirect_uri", RedirectUri));
        var identity = await CallAsync(fake.IdentityUrl, answer.GetProperty("access_token").GetString()!);

        Assert.True(answer.GetProperty("ok").GetBoolean());
        Assert.StartsWith("xoxb-", answer.GetProperty("access_token").GetString());
        Assert.Equal(("bot", "chat:write,channels:read"), (answer.GetProperty("token_type").GetString(), answer.GetProperty("scope").GetString()));
        Assert.Equal(("T0ACME", "Acme"), (answer.GetProperty("team").GetProperty("id").GetString(), answer.GetProperty("team").GetProperty("name").GetString()));
        Assert.Equal(fake.Account.SlackUserId, answer.GetProperty("authed_user").GetProperty("id").GetString());
        Assert.False(answer.TryGetProperty("refresh_token", out _));
        Assert.Equal(answer.GetProperty("bot_user_id").GetString(), identity.GetProperty("user_id").GetString());
        Assert.Equal("T0ACME", identity.GetProperty("team_id").GetString());
    }

    [Fact]
    public async Task OauthV2Access_AnswersInvalidCodeWithHttp200_WhenTheCodeIsUsedTwice()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var code = await CodeAsync(fake, client);

        await AccessAsync(client, fake.TokenUrl, basic: false, ("code", code), ("redirect_uri", RedirectUri));
        var second = await AccessAsync(client, fake.TokenUrl, basic: false, ("code", code), ("redirect_uri", RedirectUri));

        Assert.Equal("""{"ok":false,"error":"invalid_code"}""", second.GetRawText());
    }

    [Fact]
    public async Task OauthV2Access_AnswersBadRedirectUri_WhenTheCodeWasAskedForAnotherRedirectUri()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri, "http://127.0.0.1:5999/other");

        var answer = await AccessAsync(client, fake.TokenUrl, basic: false, ("code", await CodeAsync(fake, client)), ("redirect_uri", client.RedirectUris[1]));

        Assert.Equal("""{"ok":false,"error":"bad_redirect_uri"}""", answer.GetRawText());
    }

    [Fact]
    public async Task OauthV2Access_AnswersBadClientSecret_WhenTheSecretIsWrong()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);

        var answer = await AccessAsync(client with { Secret = "0123456789abcdef" }, fake.TokenUrl, basic: false, ("code", await CodeAsync(fake, client)), ("redirect_uri", RedirectUri));

        Assert.Equal("bad_client_secret", answer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Refresh_RotatesWithTokenRotation_AndTheOldRefreshTokenAnswersInvalidRefreshToken()
    {
        await using var fake = await StartAsync(rotate: true);
        var client = fake.RegisterClient(RedirectUri);
        var installed = await AccessAsync(client, fake.TokenUrl, basic: false, ("code", await CodeAsync(fake, client)), ("redirect_uri", RedirectUri));
        var refreshToken = installed.GetProperty("refresh_token").GetString()!;

        var rotated = await AccessAsync(client, fake.TokenUrl, basic: false, ("grant_type", "refresh_token"), ("refresh_token", refreshToken));
        var reused = await AccessAsync(client, fake.TokenUrl, basic: false, ("grant_type", "refresh_token"), ("refresh_token", refreshToken));

        Assert.StartsWith("xoxe.xoxb-1-", installed.GetProperty("access_token").GetString());
        Assert.Equal(5, installed.GetProperty("expires_in").GetInt32());
        Assert.True(rotated.GetProperty("ok").GetBoolean());
        Assert.NotEqual(refreshToken, rotated.GetProperty("refresh_token").GetString());
        Assert.Equal("""{"ok":false,"error":"invalid_refresh_token"}""", reused.GetRawText());
    }

    [Fact]
    public async Task AuthTest_AnswersTokenExpired_WhenTheRotatingAccessTokenExpired()
    {
        await using var fake = await StartAsync(rotate: true);
        var client = fake.RegisterClient(RedirectUri);
        var granted = fake.IssueTokens(client, fake.Account, "chat:write");

        clock.Advance(TimeSpan.FromSeconds(6));
        var identity = await CallAsync(fake.IdentityUrl, granted.AccessToken);

        Assert.Equal("""{"ok":false,"error":"token_expired"}""", identity.GetRawText());
    }

    [Fact]
    public async Task AuthRevoke_RevokesTheToken_SoAuthTestAnswersTokenRevoked()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        var granted = fake.IssueTokens(client, fake.Account, "chat:write");

        var revoked = await CallAsync(fake.RevokeUrl!, granted.AccessToken);
        var identity = await CallAsync(fake.IdentityUrl, granted.AccessToken);

        Assert.Equal("""{"ok":true,"revoked":true}""", revoked.GetRawText());
        Assert.Equal("""{"ok":false,"error":"token_revoked"}""", identity.GetRawText());
        Assert.Equal(1, fake.Counters.Revocations);
    }

    [Fact]
    public async Task OauthV2Access_Answers429Ratelimited_WhenAFaultIsInjected()
    {
        await using var fake = await StartAsync();
        var client = fake.RegisterClient(RedirectUri);
        fake.InjectFault(fake.TokenUrl, FakeFault.TooManyRequests(TimeSpan.FromSeconds(30)));

        using var answer = await Http.PostAsync(fake.TokenUrl, Form(("client_id", client.Id), ("client_secret", client.Secret), ("code", "x")), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), answer.Headers.RetryAfter!.Delta);
        Assert.Equal("""{"ok":false,"error":"ratelimited"}""", await answer.Content.ReadAsStringAsync(Ct));
    }

    private static string AuthorizeUrl(FakeOAuthProvider fake, FakeOAuthClient client, string state) =>
        $"{fake.AuthorizeUrl}?client_id={client.Id}&scope=chat:write,channels:read&redirect_uri={Uri.EscapeDataString(RedirectUri)}&state={state}";

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private Task<FakeOAuthProvider> StartAsync(bool rotate = false) => FakeOAuthProvider.StartAsync(
        new FakeOAuthOptions(OAuthStyle.Slack) { Clock = clock, AccessTokenLifetime = TimeSpan.FromSeconds(5), RotateRefreshTokens = rotate });

    private static async Task<string> CodeAsync(FakeOAuthProvider fake, FakeOAuthClient client) =>
        Callback.Parameters(await fake.ConsentAsync(AuthorizeUrl(fake, client, "state-1"), cancellationToken: Ct))["code"];

    /// <summary>oauth.v2.access with the client's credentials in the form, as most Slack SDKs send them, or in HTTP Basic.</summary>
    private static async Task<JsonElement> AccessAsync(FakeOAuthClient client, string tokenUrl, bool basic, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl)
        {
            Content = basic ? Form(fields) : Form([("client_id", client.Id), ("client_secret", client.Secret), .. fields]),
        };
        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.Id}:{client.Secret}")));
        }

        return await ReadOkAsync(request);
    }

    /// <summary>A Slack Web API method called with a Bearer token; Slack answers HTTP 200 either way.</summary>
    private static async Task<JsonElement> CallAsync(string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Headers = { Authorization = new("Bearer", token) } };
        return await ReadOkAsync(request);
    }

    private static async Task<JsonElement> ReadOkAsync(HttpRequestMessage request)
    {
        using var answer = await Http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }
}
