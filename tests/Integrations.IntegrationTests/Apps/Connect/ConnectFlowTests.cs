using System.Net;
using Integrations.Testing;
using Microsoft.AspNetCore.WebUtilities;
using static Integrations.IntegrationTests.Apps.Connect.ConnectFlow;

namespace Integrations.IntegrationTests.Apps.Connect;

/// <summary>Connecting accounts through the fakes' consent pages, as the seeded admin.</summary>
public sealed class ConnectFlowTests(ConnectApp app) : IClassFixture<ConnectApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_StoresTheMailboxWithEncryptedTokens_WhenGmailConsents()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Google.Account = NewAccount();

        var authorize = await StartAsync(admin, "gmail", Ct);
        var query = QueryHelpers.ParseQuery(new Uri(authorize).Query);
        Assert.Equal(("code", "S256", "offline", "consent"), (query["response_type"].ToString(), query["code_challenge_method"].ToString(),
            query["access_type"].ToString(), query["prompt"].ToString()));
        Assert.Equal(ConnectApp.RedirectUri, query["redirect_uri"]);
        Assert.Contains("https://www.googleapis.com/auth/gmail.send", query["scope"].ToString().Split(' '));
        Assert.True(query["state"].ToString().Length >= 43);
        using var back = await admin.GetAsync((await app.Google.ConsentAsync(authorize, true, Ct)).PathAndQuery, Ct);

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/integrations/apps/gmail", back.Headers.Location!.OriginalString);
        var page = await admin.GetStringAsync("/integrations/apps/gmail", Ct);
        Assert.Contains($"{account.Email} is connected to Gmail.", page, StringComparison.Ordinal);
        var connection = Assert.Single(await ConnectionsAsync(app, account.Email));
        Assert.Equal(("gmail", "active"), (connection.AppId, connection.Status));
        Assert.Contains("https://www.googleapis.com/auth/gmail.readonly", connection.Scopes);
        Assert.NotNull(connection.RefreshTokenCiphertext);
        Assert.NotNull(connection.ExpiresAt);
        var accessToken = await AccessTokenAsync(app, connection);
        Assert.True(app.Google.IsValidAccessToken(accessToken));
        Assert.StartsWith("ya29.", accessToken, StringComparison.Ordinal);
        var texts = new[] { await RowsAsync(app, account.Email), page, await AuditAsync(app) };
        Assert.All(texts, text => Assert.DoesNotContain(accessToken, text, StringComparison.Ordinal));
        Assert.All(texts, text => Assert.DoesNotContain("ya29.", text, StringComparison.Ordinal));
        Assert.All(texts, text => Assert.DoesNotContain("1//0", text, StringComparison.Ordinal));
        Assert.Contains("app.connected", texts[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_TakesTheMailAsAccount_WhenOutlookConsents()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Microsoft.Account = NewAccount("Bea Souza");

        using var back = await ConnectAsync(admin, "outlook", app.Microsoft, true, Ct);

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var connection = Assert.Single(await ConnectionsAsync(app, account.Email));
        Assert.Equal("outlook", connection.AppId);
        Assert.Contains("Mail.Send", connection.Scopes);
        Assert.True(app.Microsoft.IsValidAccessToken(await AccessTokenAsync(app, connection)));
    }

    [Fact]
    public async Task Connect_TakesTheTeamAsAccount_WhenSlackConsents()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Slack.Account = NewAccount("Crew");

        var authorize = await StartAsync(admin, "slack", Ct);
        Assert.Equal("chat:write,channels:read,users:read,users:read.email", QueryHelpers.ParseQuery(new Uri(authorize).Query)["scope"]);
        using var back = await admin.GetAsync((await app.Slack.ConsentAsync(authorize, true, Ct)).PathAndQuery, Ct);

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var connection = Assert.Single(await ConnectionsAsync(app, account.TeamId));
        Assert.Equal(("slack", "Team Crew"), (connection.AppId, connection.AccountName));
        Assert.Null(connection.ExpiresAt);
        Assert.Contains("Team Crew is connected to Slack.", await admin.GetStringAsync("/integrations/apps/slack", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_SaysConsentWasDeclined_AndStoresNothing_WhenDenied()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Google.Account = NewAccount();

        using var back = await ConnectAsync(admin, "gmail", app.Google, false, Ct);

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Contains("The consent was declined, so nothing was connected.", await back.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await ConnectionsAsync(app, account.Email));
    }

    [Fact]
    public async Task Callback_RefusesTheState_WhenReplayed()
    {
        var admin = await app.SignInAsync(Ct);
        app.Google.Account = NewAccount();
        var callback = await app.Google.ConsentAsync(await StartAsync(admin, "gmail", Ct), true, Ct);
        using (var first = await admin.GetAsync(callback.PathAndQuery, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var replayed = await admin.GetAsync(callback.PathAndQuery, Ct);

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("unknown or was already used", await replayed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_RefusesTheState_WhenOlderThanTenMinutes()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Google.Account = NewAccount();
        var authorize = await StartAsync(admin, "gmail", Ct);
        var callback = await app.Google.ConsentAsync(authorize, true, Ct);

        app.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        using var late = await admin.GetAsync(callback.PathAndQuery, Ct);

        Assert.Contains("took longer than 10 minutes and expired", await late.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await ConnectionsAsync(app, account.Email));
    }

    [Fact]
    public async Task Callback_RefusesTheState_WhenAnotherAdminFinishesIt()
    {
        var admin = await app.SignInAsync(Ct);
        var other = await OtherAdminAsync(app, Ct);
        var account = app.Google.Account = NewAccount();
        var callback = await app.Google.ConsentAsync(await StartAsync(admin, "gmail", Ct), true, Ct);

        using var foreign = await other.GetAsync(callback.PathAndQuery, Ct);

        Assert.Contains("started by another admin or in another workspace", await foreign.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await ConnectionsAsync(app, account.Email));
    }

    [Fact]
    public async Task Callback_ShowsTheProvidersError_AndStoresNothing_WhenTheClientSecretIsWrong()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Google.Account = NewAccount();

        using var back = await ConnectAsync(admin, "google-calendar", app.Google, true, Ct);

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Contains("Google Calendar refused the authorization code: invalid_client: Unauthorized. Nothing was connected.",
            await back.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await ConnectionsAsync(app, account.Email));
    }

    [Fact]
    public async Task Connect_KeepsOneConnectionPerAccount_ReplacingItsTokens_WhenTheSameAccountConnectsAgain()
    {
        var admin = await app.SignInAsync(Ct);
        var first = app.Google.Account = NewAccount();
        (await ConnectAsync(admin, "gmail", app.Google, true, Ct)).Dispose();
        var before = await AccessTokenAsync(app, Assert.Single(await ConnectionsAsync(app, first.Email)));
        var second = app.Google.Account = NewAccount("Caio Reis");
        (await ConnectAsync(admin, "gmail", app.Google, true, Ct)).Dispose();

        app.Google.Account = first;
        using var again = await ConnectAsync(admin, "gmail", app.Google, true, Ct);

        Assert.Single(await ConnectionsAsync(app, second.Email));
        var connection = Assert.Single(await ConnectionsAsync(app, first.Email));
        var after = await AccessTokenAsync(app, connection);
        Assert.NotEqual(before, after);
        Assert.True(app.Google.IsValidAccessToken(after));
        Assert.Contains("was connected again", await admin.GetStringAsync("/integrations/apps/gmail", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_KeepsOneConnection_WhenTheSameAccountFinishesTwiceAtOnce()
    {
        var admin = await app.SignInAsync(Ct);
        for (var round = 0; round < 8; round++)
        {
            var account = app.Google.Account = NewAccount();
            var callbacks = new List<Uri>();
            for (var i = 0; i < 2; i++)
            {
                callbacks.Add(await app.Google.ConsentAsync(await StartAsync(admin, "gmail", Ct), true, Ct));
            }

            var answers = await Task.WhenAll(callbacks.Select(c => admin.GetAsync(c.PathAndQuery, Ct)));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
            Assert.Single(await ConnectionsAsync(app, account.Email));
        }
    }

    [Fact]
    public async Task Callback_ShowsNoProviderText_WithoutASignInThisAdminStarted()
    {
        var admin = await app.SignInAsync(Ct);

        var page = await admin.GetStringAsync("/integrations/apps/callback?error=server_error&error_description=Your+account+is+locked+call+555-0100", Ct);

        Assert.DoesNotContain("555-0100", page, StringComparison.Ordinal);
        Assert.Contains("unknown or was already used", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_RefusesAMissingState()
    {
        var admin = await app.SignInAsync(Ct);

        using var back = await admin.GetAsync("/integrations/apps/callback?code=abc", Ct);

        Assert.Contains("unknown or was already used", await back.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
