using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Integrations.Testing;
using Integrations.Testing.Fakes.LinkedIn;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.IntegrationTests.Apps.Fakes;

/// <summary>The LinkedIn-style fake answers as LinkedIn documents: 60-day access tokens with comma-separated scopes, a
/// refresh token (with its own lifetime) only for an approved partner, OpenID Connect userinfo, and its API errors.</summary>
public sealed class LinkedInFakeTests
{
    private const string RedirectUri = "http://127.0.0.1:5999/integrations/apps/callback";
    private static readonly HttpClient Http = new();
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Token_Lasts60Days_WithARefreshTokenOnlyForPartners(bool partner)
    {
        await using var fake = await FakeOAuthProvider.StartAsync(new FakeLinkedIn().Options(clock, partner));
        var client = fake.RegisterClient(RedirectUri);

        var token = await RedeemAsync(fake, client, "openid profile email w_member_social");

        Assert.Equal(5_184_000, token.GetProperty("expires_in").GetInt32());
        Assert.Equal("openid,profile,email,w_member_social", token.GetProperty("scope").GetString());
        Assert.Equal(partner, token.TryGetProperty("refresh_token", out _));
        Assert.Equal(partner, token.TryGetProperty("refresh_token_expires_in", out _));
    }

    [Fact]
    public async Task UserInfo_NamesTheMemberBySub_AndRefusesAnExpiredTokenLinkedInsWay()
    {
        await using var fake = await FakeOAuthProvider.StartAsync(new FakeLinkedIn().Options(clock));
        var client = fake.RegisterClient(RedirectUri);
        fake.Account = new FakeAccount("ana@example.com", "Ana Lima");
        var access = (await RedeemAsync(fake, client, "openid profile email")).GetProperty("access_token").GetString();

        var info = await GetAsync(fake.IdentityUrl, access);
        clock.Advance(TimeSpan.FromDays(60));
        var expired = await GetAsync(fake.IdentityUrl, access);

        Assert.Equal(HttpStatusCode.OK, info.Status);
        Assert.Equal((fake.Account.LinkedInId, "Ana Lima", "ana@example.com"),
            (info.Body.GetProperty("sub").GetString(), info.Body.GetProperty("name").GetString(), info.Body.GetProperty("email").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        Assert.Equal((401, 65602), (expired.Body.GetProperty("status").GetInt32(), expired.Body.GetProperty("serviceErrorCode").GetInt32()));
    }

    [Fact]
    public async Task Authorize_RedirectsWithUserCancelledAuthorize_WhenTheMemberDenies()
    {
        await using var fake = await FakeOAuthProvider.StartAsync(new FakeLinkedIn().Options(clock));
        var client = fake.RegisterClient(RedirectUri);

        var redirect = await fake.ConsentAsync(Authorize(fake, client, "openid"), allow: false, Ct);

        Assert.Equal("user_cancelled_authorize", Callback.Parameters(redirect)["error"]);
    }

    private static string Authorize(FakeOAuthProvider fake, FakeOAuthClient client, string scopes) =>
        $"{fake.AuthorizeUrl}?response_type=code&client_id={client.Id}&redirect_uri={Uri.EscapeDataString(RedirectUri)}&scope={Uri.EscapeDataString(scopes)}&state=s1";

    private static async Task<JsonElement> RedeemAsync(FakeOAuthProvider fake, FakeOAuthClient client, string scopes)
    {
        var code = Callback.Parameters(await fake.ConsentAsync(Authorize(fake, client, scopes), cancellationToken: Ct))["code"];
        using var answer = await Http.PostAsync(fake.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code!, ["redirect_uri"] = RedirectUri, ["client_id"] = client.Id, ["client_secret"] = client.Secret,
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct)).RootElement;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        using var response = await Http.SendAsync(request, Ct);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement);
    }
}
