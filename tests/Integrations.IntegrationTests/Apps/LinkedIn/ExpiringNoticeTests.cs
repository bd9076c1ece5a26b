using Integrations.IntegrationTests.Apps.Connect;

namespace Integrations.IntegrationTests.Apps.LinkedIn;

/// <summary><c>app.connection.expiring</c>: sent 7 days before a token that cannot renew itself expires, once per token,
/// and again for the token a reconnect brings. The tests move the clock.</summary>
public sealed class ExpiringNoticeTests(LinkedInApp app) : IClassFixture<LinkedInApp>
{
    private const string Expiring = "app.connection.expiring";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Expiring_IsSentOnceSevenDaysAhead_AndAgainForTheTokenOfAReconnect()
    {
        var (account, _, id) = await app.ConnectAsync(Ct);
        var expiresAt = Assert.Single(await ConnectFlow.ConnectionsAsync(app, account.LinkedInId)).ExpiresAt!.Value;
        app.Clock.Advance(TimeSpan.FromDays(52));
        await app.RunExpiringJobAsync();
        Assert.Empty(await app.EventsAsync(Expiring, id));

        app.Clock.Advance(TimeSpan.FromDays(1.5));
        await app.RunExpiringJobAsync();
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.RunExpiringJobAsync();
        await app.RunExpiringJobAsync();

        var sent = Assert.Single(await app.EventsAsync(Expiring, id));
        Assert.Equal(("linkedin", account.LinkedInId, account.Name), ((string?)sent["app"], (string?)sent["account"], (string?)sent["account_name"]));
        Assert.Equal(expiresAt.ToUnixTimeSeconds(), DateTimeOffset.Parse((string)sent["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
        Assert.Equal(6, (int)sent["expires_in_days"]!);
        Assert.DoesNotContain("_expiring", (await app.ConnectionAsync(id, Ct)).GetRawText(), StringComparison.Ordinal);

        await app.ReconnectAsync(Ct);
        var renewed = Assert.Single(await ConnectFlow.ConnectionsAsync(app, account.LinkedInId)).ExpiresAt!.Value;
        Assert.True(renewed > expiresAt.AddDays(50));
        await app.RunExpiringJobAsync();
        Assert.Single(await app.EventsAsync(Expiring, id));

        app.Clock.Advance(TimeSpan.FromDays(54));
        await app.RunExpiringJobAsync();
        await app.RunExpiringJobAsync();

        var events = await app.EventsAsync(Expiring, id);
        Assert.Equal(2, events.Count);
        Assert.Equal(renewed.ToUnixTimeSeconds(), DateTimeOffset.Parse((string)events[1]["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Expiring_IsNotSent_ForATokenThatRenewsItself()
    {
        var (account, key, id) = await app.ConnectAsync(Ct);
        var partner = app.LinkedIn.IssueTokens(app.OAuthClient, account, "openid", "profile", "email", "w_member_social");
        await app.StoreTokensAsync(key, partner.AccessToken, "AQX-refresh-token-of-an-approved-partner");
        app.Clock.Advance(TimeSpan.FromDays(55));

        await app.RunExpiringJobAsync();

        Assert.Empty(await app.EventsAsync(Expiring, id));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await app.ConnectionAsync(id, Ct)).GetProperty("expires_in_days").ValueKind);
    }

    [Fact]
    public async Task Expiring_IsNotSent_ForAConnectionThatAlreadyNeedsReauth()
    {
        var (account, _, id) = await app.ConnectAsync(Ct);
        app.LinkedIn.RevokeGrantsOf(account);
        (await app.RunAsync(id, new { text = "Revoked before expiry" }, Ct)).Dispose();
        app.Clock.Advance(TimeSpan.FromDays(55));

        await app.RunExpiringJobAsync();

        Assert.Empty(await app.EventsAsync(Expiring, id));
    }
}
