using System.Net;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Platform.Identity;
using Integrations.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Team;

/// <summary>
/// An owner invites by email and role from the team page; the link is shown once, works once, for seven days, and only
/// for the invited email; an owner revokes it; members' roles change and members go, but never the last owner.
/// </summary>
public sealed class InvitationTests(ClockedSentinelApp app) : IClassFixture<ClockedSentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewPerson_CreatesTheirAccount_FromTheLink_AndJoinsInTheInvitedRole()
    {
        var owner = await app.SignInAsync(Ct);
        var email = $"new-{Guid.NewGuid():N}"[..12] + "@example.test";
        var link = await InviteAsync(owner, email, WorkspaceRole.Viewer);
        Assert.DoesNotContain("invite-link", await owner.GetStringAsync("/team", Ct), StringComparison.Ordinal);

        var guest = Anonymous();
        var page = await guest.GetStringAsync(link, Ct);
        Assert.Contains($"invited <strong>{email}</strong> to join as", page, StringComparison.Ordinal);
        using var tooShort = await guest.PostFormAsync(link, $"{link}?handler=Create",
            new Dictionary<string, string> { ["Password"] = "short", ["Confirm"] = "short" }, Ct);
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var joined = await guest.PostFormAsync(link, $"{link}?handler=Create",
            new Dictionary<string, string> { ["Password"] = Members.Password, ["Confirm"] = Members.Password }, Ct);

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Contains(">viewer</span>", await guest.GetStringAsync("/records/contact", Ct), StringComparison.Ordinal);
        Assert.Contains(email, await owner.GetStringAsync("/team", Ct), StringComparison.Ordinal);
        var actions = await AuditAsync();
        Assert.Contains(("member.invited", SentinelApp.AdminEmail), actions);
        Assert.Contains(("member.joined", email), actions);

        using var again = await Anonymous().GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("no longer works", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExistingAccount_SignsInAndJoins_AndTheLinkIsForTheInvitedEmailOnly()
    {
        var owner = await app.SignInAsync(Ct);
        var elsewhere = await NewPersonElsewhereAsync();
        var link = await InviteAsync(owner, elsewhere.ToUpperInvariant(), WorkspaceRole.Admin);

        Assert.Contains("Sign in to accept", await Anonymous().GetStringAsync(link, Ct), StringComparison.Ordinal);
        var stranger = await app.SignInAsync(await NewPersonElsewhereAsync(), Members.Password, Ct);
        Assert.Contains("sign out, then open", await stranger.GetStringAsync(link, Ct), StringComparison.Ordinal);
        using (var refused = await stranger.PostFormAsync("/workspaces/new", $"{link}?handler=Join", new Dictionary<string, string>(), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        }

        var invited = await app.SignInAsync(elsewhere, Members.Password, Ct);
        using var joined = await invited.PostFormAsync(link, $"{link}?handler=Join", new Dictionary<string, string>(), Ct);

        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        var records = await invited.GetStringAsync("/records/contact", Ct);
        Assert.Contains(">admin</span>", records, StringComparison.Ordinal);
        Assert.Contains("<select id=\"workspace-switch\"", records, StringComparison.Ordinal);
        Assert.DoesNotContain(">admin</span>", await stranger.GetStringAsync("/workspaces/new", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_Expires_AfterSevenDays_AndARevokedOneAtOnce()
    {
        var owner = await app.SignInAsync(Ct);
        var late = await InviteAsync(owner, $"late-{Guid.NewGuid():N}"[..13] + "@example.test", WorkspaceRole.Viewer);
        var revokedEmail = $"rev-{Guid.NewGuid():N}"[..12] + "@example.test";
        var revoked = await InviteAsync(owner, revokedEmail, WorkspaceRole.Viewer);
        var id = await InvitationIdAsync(revokedEmail);
        using (await owner.PostFormAsync("/team", $"/team?handler=Revoke&id={id}", new Dictionary<string, string>(), Ct))
        {
        }

        using (var gone = await Anonymous().GetAsync(revoked, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await Anonymous().GetAsync(late, Ct)).StatusCode);
        app.Clock.Advance(WorkspaceInvitations.Validity + TimeSpan.FromSeconds(1));
        using var expired = await Anonymous().GetAsync(late, Ct);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        using var created = await Anonymous().PostFormAsync("/Account/Login", $"{late}?handler=Create",
            new Dictionary<string, string> { ["Password"] = Members.Password, ["Confirm"] = Members.Password }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, created.StatusCode);
        Assert.Contains(("member.invitation_revoked", SentinelApp.AdminEmail), await AuditAsync());
    }

    [Fact]
    public async Task LastOwner_CannotBeDemotedOrRemoved_ButAnotherOwnerCan()
    {
        var owner = await app.SignInAsync(Ct);
        var workspace = await app.AdminWorkspaceAsync();
        var self = await app.UserIdAsync(SentinelApp.AdminEmail);
        var second = await app.AddMemberAsync(workspace, WorkspaceRole.Admin);
        var secondId = await app.UserIdAsync(second);

        // Only while the seeded admin is the one owner; other tests add owners to this workspace.
        await OnlyOwnerAsync(workspace, self);
        using (var demoted = await owner.PostFormAsync("/team", $"/team?handler=Role&userId={self}", new Dictionary<string, string> { ["role"] = "Admin" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        }

        Assert.Contains("A workspace needs an owner", await owner.GetStringAsync("/team", Ct), StringComparison.Ordinal);
        using (await owner.PostFormAsync("/team", $"/team?handler=Remove&userId={self}", new Dictionary<string, string>(), Ct))
        {
        }

        Assert.Equal(WorkspaceRole.Owner, await RoleAsync(workspace, self));

        using (await owner.PostFormAsync("/team", $"/team?handler=Role&userId={secondId}", new Dictionary<string, string> { ["role"] = "Owner" }, Ct))
        {
        }

        Assert.Equal(WorkspaceRole.Owner, await RoleAsync(workspace, secondId));
        var other = await app.SignInAsync(second, Members.Password, Ct);
        using (await other.PostFormAsync("/team", $"/team?handler=Role&userId={secondId}", new Dictionary<string, string> { ["role"] = "Viewer" }, Ct))
        {
        }

        Assert.Equal(WorkspaceRole.Viewer, await RoleAsync(workspace, secondId));
        using (await owner.PostFormAsync("/team", $"/team?handler=Remove&userId={secondId}", new Dictionary<string, string>(), Ct))
        {
        }

        Assert.Null(await RoleAsync(workspace, secondId));
        var actions = await AuditAsync();
        Assert.Contains(("member.role_changed", SentinelApp.AdminEmail), actions);
        Assert.Contains(("member.role_changed", second), actions);
        Assert.Contains(("member.removed", SentinelApp.AdminEmail), actions);
    }

    /// <summary>Invites from the team page; the address of the link it shows once.</summary>
    private static async Task<string> InviteAsync(HttpClient owner, string email, WorkspaceRole role)
    {
        var link = TeamPage.LinkShown(await TeamPage.InviteAsync(owner, email, role, Ct));
        Assert.True(link is not null, "The team page showed no invitation link.");
        return new Uri(link).PathAndQuery;
    }

    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A person who is a member of another workspace only (their own).</summary>
    private async Task<string> NewPersonElsewhereAsync()
    {
        await using var scope = app.Scope();
        var workspace = await scope.ServiceProvider.ActInNewWorkspaceAsync();
        return await app.AddMemberAsync(workspace.Id, WorkspaceRole.Owner);
    }

    private async Task OnlyOwnerAsync(Guid workspace, Guid owner)
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<WorkspaceMember>()
            .Where(m => m.WorkspaceId == workspace && m.Role == WorkspaceRole.Owner && m.UserId != owner)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, WorkspaceRole.Admin), Ct);
    }

    private async Task<WorkspaceRole?> RoleAsync(Guid workspace, Guid user)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<WorkspaceMembers>().RoleAsync(user, workspace, Ct);
    }

    private async Task<Guid> InvitationIdAsync(string email)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<WorkspaceInvitation>()
            .Where(i => i.Email == email).Select(i => i.Id).SingleAsync(Ct);
    }

    private async Task<List<(string Action, string Actor)>> AuditAsync()
    {
        await using var scope = app.Scope();
        var entries = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AuditEntry>().IgnoreQueryFilters()
            .Where(a => a.Action.StartsWith("member.")).Select(a => new { a.Action, a.ActorName }).ToListAsync(Ct);
        return [.. entries.Select(e => (e.Action, e.ActorName))];
    }
}
