using System.Net;
using System.Text.RegularExpressions;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Apps.Gmail;

/// <summary>An invitation is emailed from the workspace's connected Gmail, through its <c>send_email</c>.</summary>
public sealed partial class InvitationEmailTests(GmailApp app) : IClassFixture<GmailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invite_EmailsTheLink_FromTheConnectedMailbox()
    {
        var owner = await app.SignInAsync(Ct);
        using (await owner.PostFormAsync("/team", "/team?handler=Invite", new Dictionary<string, string> { ["Email"] = "first@colleague.example", ["Role"] = "Admin" }, Ct))
        {
        }

        Assert.Contains("No mailbox is connected to email it", WebUtility.HtmlDecode(await owner.GetStringAsync("/team", Ct)), StringComparison.Ordinal);
        var box = await ConnectedMailbox.ConnectAsync(app);

        using var invited = await owner.PostFormAsync("/team", "/team?handler=Invite",
            new Dictionary<string, string> { ["Email"] = "second@colleague.example", ["Role"] = "Viewer" }, Ct);

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var page = WebUtility.HtmlDecode(await owner.GetStringAsync("/team", Ct));
        Assert.Contains($"It was emailed from {box.Email}.", page, StringComparison.Ordinal);
        var shown = LinkShown().Match(page).Groups[1].Value;
        var sent = Assert.Single(box.Mailbox.Sent);
        Assert.Equal(["second@colleague.example"], sent.To.Mailboxes.Select(m => m.Address));
        Assert.Equal($"{SentinelApp.AdminEmail} invited you to Default workspace on Sentinel", sent.Subject);
        Assert.Contains($"Accept the invitation: {shown}", sent.TextBody, StringComparison.Ordinal);
        Assert.Contains("as viewer", sent.TextBody, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<code id=""invite-link"">([^<]+)</code>")]
    private static partial Regex LinkShown();
}
