using System.Net;
using Integrations.Platform.Identity;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Team;

/// <summary>
/// The Hangfire dashboard shows every workspace's jobs, so it is for the platform's operators, not for workspace owners:
/// by default the first admin, else the accounts <c>Sentinel:Operators</c> lists, from the next start, and no one else.
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

        // The same database started again with operators configured (one address has no account, and is skipped).
        await using var next = new ArrangingApp(app.ConnectionString, new Dictionary<string, string?>
        {
            ["Sentinel:Operators"] = $"{owner}, nobody-{Guid.NewGuid():N}@example.test",
        });
        await next.InitializeAsync();

        Assert.True(await OpensDashboardAsync(next, owner, Members.Password));
        Assert.False(await OpensDashboardAsync(next, SentinelApp.AdminEmail, SentinelApp.AdminPassword));
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
