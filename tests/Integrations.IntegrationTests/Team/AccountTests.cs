using System.Net;
using Integrations.Platform.Identity;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Team;

/// <summary>A person's own account: a password change keeps this session and ends the others; "sign out everywhere" ends
/// them all. Other sessions end at their first request a minute on (the security stamp's check), and keep their own
/// workspace through that check.</summary>
public sealed class AccountTests(ClockedSentinelApp app) : IClassFixture<ClockedSentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignOutEverywhere_EndsThisSessionAtOnce_AndTheOthersWithinAMinute()
    {
        var email = await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Viewer);
        var here = await app.SignInAsync(email, Members.Password, Ct);
        var there = await app.SignInAsync(email, Members.Password, Ct);

        using var signedOut = await here.PostFormAsync("/account", "/account?handler=Everywhere", new Dictionary<string, string>(), Ct);

        Assert.Equal("/Account/Login", signedOut.Headers.Location?.OriginalString);
        Assert.True(await SignedOutAsync(here));
        Assert.False(await SignedOutAsync(there));
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True(await SignedOutAsync(there));
    }

    [Fact]
    public async Task ChangePassword_KeepsThisSession_EndsTheOthers_AndOnlyTheNewPasswordSignsIn()
    {
        var email = await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Admin);
        var here = await app.SignInAsync(email, Members.Password, Ct);
        var there = await app.SignInAsync(email, Members.Password, Ct);
        const string next = "a brand new long password";

        using (var wrong = await here.PostFormAsync("/account", "/account?handler=Password",
                   new Dictionary<string, string> { ["Current"] = "not-the-password", ["Password"] = next, ["Confirm"] = next }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("That is not your current password.", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using var changed = await here.PostFormAsync("/account", "/account?handler=Password",
            new Dictionary<string, string> { ["Current"] = Members.Password, ["Password"] = next, ["Confirm"] = next }, Ct);

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.False(await SignedOutAsync(here));
        Assert.True(await SignedOutAsync(there));
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.SignInAsync(email, Members.Password, Ct));
        Assert.False(await SignedOutAsync(await app.SignInAsync(email, next, Ct)));
    }

    [Fact]
    public async Task Switching_MovesOnlyThisSession_AlsoAfterTheOthersAreCheckedAgain()
    {
        var email = await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Viewer);
        var here = await app.SignInAsync(email, Members.Password, Ct);
        var there = await app.SignInAsync(email, Members.Password, Ct);

        using (await here.PostFormAsync("/workspaces/new", new Dictionary<string, string> { ["Name"] = "Mine alone", ["Plan"] = "Starter" }, Ct))
        {
        }

        // The stamp check rebuilds the other session's claims from the account, whose last workspace is now the new one.
        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Contains(">owner</span>", await here.GetStringAsync("/records/contact", Ct), StringComparison.Ordinal);
        Assert.Contains(">viewer</span>", await there.GetStringAsync("/records/contact", Ct), StringComparison.Ordinal);
    }

    private static async Task<bool> SignedOutAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/records/contact", Ct);
        return response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.AbsolutePath.StartsWith("/Account/Login", StringComparison.Ordinal) == true;
    }
}
