using System.Net;
using Integrations.Platform.Identity;
using Integrations.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Team;

/// <summary>
/// The Hangfire dashboard shows every workspace's jobs, so it is for the platform's operators, not for workspace owners:
/// the first admin's account by default, else the accounts <c>Sentinel:Operators</c> lists, from the next start, and no
/// one else; an invitation cannot create the account of a listed address.
/// </summary>
public sealed class PlatformOperatorTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dashboard_IsTheFirstAdminsByDefault_ThenTheConfiguredOperatorsOnly()
    {
        var owner = await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Owner);
        Assert.True(await OpensDashboardAsync(app, SentinelApp.AdminEmail, SentinelApp.AdminPassword));
        Assert.False(await OpensDashboardAsync(app, owner, Members.Password));

        // The same database started again with operators configured; one address has no account yet.
        var unclaimed = $"ops-{Guid.NewGuid():N}"[..12] + "@example.test";
        await using var next = new ArrangingApp(app.ConnectionString, new Dictionary<string, string?>
        {
            ["Sentinel:Operators"] = $"{owner}, {unclaimed}",
        });
        await next.InitializeAsync();

        Assert.True(await OpensDashboardAsync(next, owner, Members.Password));
        Assert.False(await OpensDashboardAsync(next, SentinelApp.AdminEmail, SentinelApp.AdminPassword));

        // An owner cannot claim the listed address through an invitation whose link they see.
        var link = TeamPage.LinkShown(await TeamPage.InviteAsync(await next.SignInAsync(owner, Members.Password, Ct), unclaimed, WorkspaceRole.Viewer, Ct))!;
        var guest = next.CreateClient(new() { AllowAutoRedirect = false });
        using var refused = await guest.PostFormAsync(link, $"{link}?handler=Create",
            new Dictionary<string, string> { ["Password"] = Members.Password, ["Confirm"] = Members.Password }, Ct);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("one of the platform&#x27;s operators", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var scope = next.Scope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>().FindByEmailAsync(unclaimed));
    }

    private static async Task<bool> OpensDashboardAsync(SentinelApp on, string email, string password)
    {
        var client = await on.SignInAsync(email, password, Ct);
        using var response = await client.GetAsync("/hangfire", Ct);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.Contains("Sentinel jobs", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            return true;
        }

        // Refused the way every admin page refuses: to the "Not allowed" page.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        return false;
    }
}
