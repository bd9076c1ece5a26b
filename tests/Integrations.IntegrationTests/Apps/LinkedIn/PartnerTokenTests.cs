using System.Net;
using System.Text.Json;
using Integrations.IntegrationTests.Apps.Connect;

namespace Integrations.IntegrationTests.Apps.LinkedIn;

/// <summary>An app LinkedIn approved for refresh tokens: <see cref="LinkedInApp"/> whose fake issues them.</summary>
public sealed class LinkedInPartnerApp : LinkedInApp
{
    protected override bool RefreshTokens => true;
}

/// <summary>With a refresh token (approved partners), a LinkedIn token renews itself: no expiry shown or announced, and a
/// post after 60 days refreshes first.</summary>
public sealed class PartnerTokenTests(LinkedInPartnerApp app) : IClassFixture<LinkedInPartnerApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PartnerToken_IsRefreshedAfter60Days_AndNeverAnnouncedAsExpiring()
    {
        var (account, _, id) = await app.ConnectAsync(Ct);
        Assert.NotNull(Assert.Single(await ConnectFlow.ConnectionsAsync(app, account.LinkedInId)).RefreshTokenCiphertext);
        Assert.Equal(JsonValueKind.Null, (await app.ConnectionAsync(id, Ct)).GetProperty("expires_in_days").ValueKind);
        app.Clock.Advance(TimeSpan.FromDays(55));
        await app.RunExpiringJobAsync();
        app.Clock.Advance(TimeSpan.FromDays(6));

        using var response = await app.RunAsync(id, new { text = "Still posting on day 61" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await app.EventsAsync("app.connection.expiring", id));
        Assert.Contains(app.LinkedIn.Requests, r => r.GrantType == "refresh_token" && r.Status == 200);
        var connection = await app.ConnectionAsync(id, Ct);
        Assert.Equal("active", connection.GetProperty("status").GetString());
        Assert.True(connection.GetProperty("expires_at").GetDateTimeOffset() > app.Clock.GetUtcNow().AddDays(59));
    }
}
