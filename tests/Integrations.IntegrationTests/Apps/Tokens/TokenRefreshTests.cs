using System.Net;
using Integrations.Apps.Calls;
using Integrations.Apps.Connections;
using Integrations.Apps.Security;
using Integrations.Apps.Tokens;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Integrations.IntegrationTests.Apps.Connect.ConnectFlow;

namespace Integrations.IntegrationTests.Apps.Tokens;

/// <summary>Access tokens refreshed ahead of expiry, after a 401, once across instances, rotated, and ended.</summary>
public sealed class TokenRefreshTests(TokenApp app) : IClassFixture<TokenApp>
{
    private static readonly TimeSpan PastExpiry = TimeSpan.FromMinutes(56);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_OnTwoInstancesAtOnce_AsksTheProviderOnce_AndBothUseTheNewToken()
    {
        var connection = await ConnectAsync("gmail", app.Google);
        await using var other = app.SecondInstance();
        await other.InitializeAsync();
        app.Clock.Advance(PastExpiry);
        other.Clock.Advance(PastExpiry);
        var release = new TaskCompletionSource();
        app.Google.InjectFault(app.Google.TokenUrl, FakeFault.HeldUntil(release.Task));
        var before = app.Google.Counters.TokenRequests("refresh_token");

        var first = RefreshAsync(app, connection.Id);
        await WaitUntilAsync(() => app.Google.Counters.RefreshesInFlight == 1);
        var second = RefreshAsync(other, connection.Id);
        await Task.Delay(300, Ct);
        Assert.False(second.IsCompleted);
        release.SetResult();
        var tokens = await Task.WhenAll(first, second);

        Assert.Equal(before + 1, app.Google.Counters.TokenRequests("refresh_token"));
        Assert.Equal(tokens[0].Token, tokens[1].Token);
        Assert.True(app.Google.IsValidAccessToken(tokens[0].Token));
        Assert.Equal(tokens[0].Token, await AccessTokenAsync(app, await StoredAsync(connection.Id)));
    }

    [Fact]
    public async Task Call_RefreshesADueToken_AndStoresTheRotatedRefreshToken_BeforeUsingIt()
    {
        var connection = await ConnectAsync("outlook", app.Microsoft);
        var oldRefresh = await RefreshTokenAsync(connection.Id);
        var oldAccess = await AccessTokenAsync(app, connection);
        app.Clock.Advance(PastExpiry);

        using var me = await CallAsync(connection.Id, app.Microsoft.IdentityUrl);

        var stored = await StoredAsync(connection.Id);
        var newAccess = await AccessTokenAsync(app, stored);
        Assert.NotEqual(oldAccess, newAccess);
        Assert.NotEqual(oldRefresh, await RefreshTokenAsync(connection.Id));
        Assert.Equal(1, app.Microsoft.Counters.RefreshesOf(oldRefresh));
        Assert.Equal(1, app.Microsoft.Counters.ApiCallsWith(newAccess));
        Assert.Equal(1, app.Microsoft.Counters.ApiCallsWith(oldAccess)); // the identity call while connecting, none since
        Assert.Equal(app.Clock.GetUtcNow().AddHours(1), stored.ExpiresAt);
        Assert.Equal(ConnectionStatus.Active, stored.Status);
    }

    [Fact]
    public async Task Call_RefreshesOnceMore_WhenTheProviderAnswers401ToATokenTheAppThoughtGood()
    {
        var connection = await ConnectAsync("gmail", app.Google);
        var refused = await AccessTokenAsync(app, connection);
        app.ProviderClock.Advance(TimeSpan.FromHours(2));
        var before = app.Google.Counters.TokenRequests("refresh_token");

        using var profile = await CallAsync(connection.Id, app.Google.Url(TokenApp.PingPath));

        Assert.Equal(connection.Account, profile.RootElement.GetProperty("emailAddress").GetString());
        Assert.Equal(before + 1, app.Google.Counters.TokenRequests("refresh_token"));
        var renewed = await AccessTokenAsync(app, await StoredAsync(connection.Id));
        Assert.NotEqual(refused, renewed);
        Assert.Equal(
            [(TokenApp.PingPath, 401), (TokenApp.PingPath, 200)],
            app.Google.Requests.Where(r => r.Path == TokenApp.PingPath && (r.Token == refused || r.Token == renewed)).Select(r => (r.Path, r.Status)));
    }

    [Fact]
    public async Task Refresh_MarksTheConnectionNeedsReauth_AndPublishesIt_WhenTheGrantIsGone()
    {
        var connection = await ConnectAsync("gmail", app.Google);
        app.Google.RevokeGrantsOf(app.Google.Account);
        app.Clock.Advance(PastExpiry);

        var refused = await Assert.ThrowsAsync<ConnectionUnusableException>(() => CallAsync(connection.Id, app.Google.Url(TokenApp.PingPath)));
        var again = await Assert.ThrowsAsync<ConnectionUnusableException>(() => CallAsync(connection.Id, app.Google.Url(TokenApp.PingPath)));

        Assert.False(refused.Transient);
        Assert.Contains("invalid_grant", refused.Message, StringComparison.Ordinal);
        var stored = await StoredAsync(connection.Id);
        Assert.Equal(ConnectionStatus.NeedsReauth, stored.Status);
        Assert.Contains("connect the account again", stored.LastError, StringComparison.Ordinal);
        var published = await EventsAsync(EventCatalog.ConnectionNeedsReauth.Name);
        var data = Assert.Single(published, e => e.Contains(connection.Account, StringComparison.Ordinal));
        Assert.Contains("\"app\":\"gmail\"", data, StringComparison.Ordinal);
        Assert.Contains("cxn_", data, StringComparison.Ordinal);
        Assert.Equal(refused.Message, again.Message);
        var admin = await app.SignInAsync(Ct);
        var page = await admin.GetStringAsync("/integrations/apps/gmail", Ct);
        Assert.Contains("needs reauth", page, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(stored.LastError!), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_GoesOnWithTheStoredToken_AndTheConnectionIsRefreshFailing_WhenTheTokenUrlDoesNotAnswerInTime()
    {
        var connection = await ConnectAsync("gmail", app.Google);
        // Due (inside the 5-minute margin) but not expired; the token URL answers after the 2-second request timeout.
        app.Clock.Advance(TimeSpan.FromMinutes(57));
        app.Google.InjectFault(app.Google.TokenUrl, FakeFault.Slow(TimeSpan.FromSeconds(5)));

        using var answer = await CallAsync(connection.Id, app.Google.Url(TokenApp.PingPath));

        Assert.Equal(connection.Account, answer.RootElement.GetProperty("emailAddress").GetString());
        var stored = await StoredAsync(connection.Id);
        Assert.Equal(ConnectionStatus.RefreshFailing, stored.Status);
        Assert.Contains("the token URL did not answer in time", stored.LastError, StringComparison.Ordinal);
        Assert.Equal(connection.ExpiresAt, stored.ExpiresAt);
    }

    [Fact]
    public async Task Call_Throws429WithRetryAfter_WhenTheProviderThrottles()
    {
        var connection = await ConnectAsync("gmail", app.Google);
        app.Google.InjectFault(TokenApp.PingPath, FakeFault.TooManyRequests(TimeSpan.FromSeconds(7)));

        var throttled = await Assert.ThrowsAsync<ProviderThrottledException>(() => CallAsync(connection.Id, app.Google.Url(TokenApp.PingPath)));
        using var after = await CallAsync(connection.Id, app.Google.Url(TokenApp.PingPath));

        Assert.Equal((429, TimeSpan.FromSeconds(7)), (throttled.Status, throttled.RetryAfter));
        Assert.Equal(connection.Account, after.RootElement.GetProperty("emailAddress").GetString());
    }

    [Fact]
    public async Task RefreshJob_RefreshesEveryDueConnection_NoMoreAtOnceThanConfigured()
    {
        var connections = new List<AppConnection>();
        for (var i = 0; i < 4; i++)
        {
            connections.Add(await ConnectAsync("gmail", app.Google));
        }

        app.Clock.Advance(PastExpiry);
        app.Google.InjectFault(app.Google.TokenUrl, FakeFault.Slow(TimeSpan.FromMilliseconds(200)), times: 4);
        var before = app.Google.Counters.TokenRequests("refresh_token");

        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<TokenRefreshJob>().RunAsync(Ct);
        }

        Assert.True(app.Google.Counters.TokenRequests("refresh_token") - before >= 4);
        Assert.InRange(app.Google.Counters.MaxRefreshesInFlight, 1, 2);
        foreach (var connection in connections)
        {
            var stored = await StoredAsync(connection.Id);
            Assert.True(stored.ExpiresAt > app.Clock.GetUtcNow().AddMinutes(30), $"{stored.Account} was not refreshed");
            Assert.True(app.Google.IsValidAccessToken(await AccessTokenAsync(app, stored)));
        }
    }

    private async Task<AppConnection> ConnectAsync(string appId, FakeOAuthProvider fake)
    {
        var account = fake.Account = NewAccount();
        var admin = await app.SignInAsync(Ct);
        using var back = await Connect.ConnectFlow.ConnectAsync(admin, appId, fake, true, Ct);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        return Assert.Single(await ConnectionsAsync(app, account.Email));
    }

    private static async Task<FreshToken> RefreshAsync(SentinelApp instance, Guid connectionId)
    {
        await Task.Yield();
        return await instance.Services.GetRequiredService<TokenRefresher>().RefreshAsync(connectionId, null, Ct);
    }

    private async Task<System.Text.Json.JsonDocument> CallAsync(Guid connectionId, string url)
    {
        await using var scope = app.Scope();
        var connection = await StoredAsync(connectionId);
        return await scope.ServiceProvider.GetRequiredService<AppApi>().SendAsync(connection, () => new HttpRequestMessage(HttpMethod.Get, url), Ct);
    }

    private async Task<AppConnection> StoredAsync(Guid id)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppConnection>().IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(c => c.Id == id, Ct);
    }

    private async Task<string> RefreshTokenAsync(Guid id)
    {
        var stored = await StoredAsync(id);
        await using var scope = app.Scope();
        return scope.ServiceProvider.GetRequiredService<AppSecrets>().Unprotect(stored.RefreshTokenCiphertext!);
    }

    private async Task<List<string>> EventsAsync(string type)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database
            .SqlQuery<string>($"SELECT data::text AS \"Value\" FROM events WHERE type = {type}").ToListAsync(Ct);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, Ct);
        }

        Assert.True(condition());
    }
}
