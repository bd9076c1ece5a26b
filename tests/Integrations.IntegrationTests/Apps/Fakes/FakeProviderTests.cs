using System.Net;
using System.Net.Http.Json;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Integrations.IntegrationTests.Apps.Fakes.IdentityModelClient;

namespace Integrations.IntegrationTests.Apps.Fakes;

/// <summary>What every fake provider offers the tests that use it: accounts, counters, the request log, faults, and the
/// access-token guard for the app APIs mapped onto it.</summary>
public sealed class FakeProviderTests
{
    private const string RedirectUri = "http://127.0.0.1:5999/integrations/apps/callback";
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counters_ShowBothRefreshesInFlight_WhenTwoArriveAtOnce()
    {
        await using var fake = await FakeOAuthProvider.StartAsync(OAuthStyle.Google, clock);
        var client = fake.RegisterClient(RedirectUri);
        var granted = fake.IssueTokens(client, fake.Account, "email");
        var release = new TaskCompletionSource();
        fake.InjectFault(fake.TokenUrl, FakeFault.HeldUntil(release.Task), times: 2);

        var refreshes = new[] { RefreshAsync(fake, client, granted.RefreshToken!), RefreshAsync(fake, client, granted.RefreshToken!) };
        await Poll.UntilAsync(() => Task.FromResult(fake.Counters.RefreshesInFlight), n => n == 2, TimeSpan.FromSeconds(10), n => $"{n} in flight");
        release.SetResult();
        await Task.WhenAll(refreshes);

        Assert.Equal(2, fake.Counters.MaxRefreshesInFlight);
        Assert.Equal(0, fake.Counters.RefreshesInFlight);
        Assert.Equal(2, fake.Counters.RefreshesOf(granted.RefreshToken!));
        Assert.Equal(2, fake.Counters.TokenRequests("refresh_token"));
        Assert.Equal(0, fake.Counters.TokenRequests("authorization_code"));
    }

    [Fact]
    public async Task ConsentPage_GrantsTheAccountTheTestSets_SoOneTestConnectsTwoAccounts()
    {
        await using var fake = await FakeOAuthProvider.StartAsync(OAuthStyle.Google, clock);
        var client = fake.RegisterClient(RedirectUri);
        var (ana, bea) = (Pkce.New(), Pkce.New());

        fake.Account = new FakeAccount("ana@example.com");
        var anaCode = await CodeAsync(fake, client, ana);
        fake.Account = new FakeAccount("bea@example.com");
        var beaCode = await CodeAsync(fake, client, bea);
        var anaTokens = await RedeemAsync(fake, client, anaCode, ana.Verifier);
        var beaTokens = await RedeemAsync(fake, client, beaCode, bea.Verifier);

        Assert.Equal("ana@example.com", (await UserInfoAsync(fake, anaTokens.AccessToken!)).GetProperty("email").GetString());
        Assert.Equal("bea@example.com", (await UserInfoAsync(fake, beaTokens.AccessToken!)).GetProperty("email").GetString());
    }

    [Fact]
    public async Task Apis_AnswerForTheTokensAccount_AndRefuseAnExpiredTokenTheProvidersWay()
    {
        await using var fake = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Google)
        {
            Clock = clock,
            AccessTokenLifetime = TimeSpan.FromSeconds(3),
            Apis = apis => apis.MapGet("/gmail/v1/users/me/profile", (HttpContext context) => new { emailAddress = context.FakeGrant().Account.Email })
                .RequireFakeAccessToken(),
        });
        var client = fake.RegisterClient(RedirectUri);
        var granted = fake.IssueTokens(client, new FakeAccount("bea@example.com"), "https://www.googleapis.com/auth/gmail.readonly");

        using var served = await Bearer.GetAsync(fake.Url("/gmail/v1/users/me/profile"), granted.AccessToken);
        clock.Advance(TimeSpan.FromSeconds(4));
        using var expired = await Bearer.GetAsync(fake.Url("/gmail/v1/users/me/profile"), granted.AccessToken);

        Assert.Equal("""{"emailAddress":"bea@example.com"}""", await served.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("UNAUTHENTICATED", await expired.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, fake.Counters.ApiCallsWith(granted.AccessToken));
        Assert.Equal(
            [("/gmail/v1/users/me/profile", 200), ("/gmail/v1/users/me/profile", 401)],
            fake.Requests.Where(r => r.Token == granted.AccessToken).Select(r => (r.Path, r.Status)));
    }

    [Fact]
    public async Task Faults_AnswerTheNextRequestsWith500_ThenTheEndpointAnswersNormally()
    {
        await using var fake = await FakeOAuthProvider.StartAsync(OAuthStyle.Microsoft, clock);
        var client = fake.RegisterClient(RedirectUri);
        var granted = fake.IssueTokens(client, fake.Account, "User.Read");

        fake.InjectFault(fake.IdentityUrl, FakeFault.ServerError(), times: 2);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var answer = await Bearer.GetAsync(fake.IdentityUrl, granted.AccessToken);
            statuses.Add(answer.StatusCode);
        }

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK], statuses);
    }

    private static async Task<string> CodeAsync(FakeOAuthProvider fake, FakeOAuthClient client, Pkce pkce)
    {
        var url = $"{fake.AuthorizeUrl}?client_id={client.Id}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&response_type=code"
            + $"&scope=email&state=s&code_challenge={pkce.Challenge}&code_challenge_method=S256";
        return Callback.Parameters(await fake.ConsentAsync(url, cancellationToken: Ct))["code"];
    }

    private static async Task<System.Text.Json.JsonElement> UserInfoAsync(FakeOAuthProvider fake, string accessToken)
    {
        using var answer = await Bearer.GetAsync(fake.IdentityUrl, accessToken);
        return await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);
    }
}
