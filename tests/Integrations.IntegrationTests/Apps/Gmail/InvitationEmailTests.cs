using Integrations.IntegrationTests.Team;
using Integrations.Platform.Identity;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Apps.Gmail;

/// <summary>An invitation is emailed from the workspace's connected Gmail, through its <c>send_email</c>.</summary>
public sealed class InvitationEmailTests(GmailApp app) : IClassFixture<GmailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invite_EmailsTheLink_FromTheConnectedMailbox()
    {
        var owner = await app.SignInAsync(Ct);
        var unsent = await TeamPage.InviteAsync(owner, "first@colleague.example", WorkspaceRole.Admin, Ct);
        Assert.Contains("No mailbox is connected to email it", unsent, StringComparison.Ordinal);
        var box = await ConnectedMailbox.ConnectAsync(app);

        var page = await TeamPage.InviteAsync(owner, "second@colleague.example", WorkspaceRole.Viewer, Ct);

        Assert.Contains($"It was emailed from {box.Email}.", page, StringComparison.Ordinal);
        var shown = TeamPage.LinkShown(page);
        Assert.NotNull(shown);
        var sent = Assert.Single(box.Mailbox.Sent);
        Assert.Equal(["second@colleague.example"], sent.To.Mailboxes.Select(m => m.Address));
        Assert.Equal($"{SentinelApp.AdminEmail} invited you to Default workspace on Sentinel", sent.Subject);
        Assert.Contains($"Accept the invitation: {shown}", sent.TextBody, StringComparison.Ordinal);
        Assert.Contains("as viewer", sent.TextBody, StringComparison.Ordinal);
    }
}
