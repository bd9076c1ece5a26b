using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Connections;
using Integrations.Platform.Identity;

namespace Integrations.Web.Hosting.Team;

/// <summary>
/// Sends an invitation's link from the workspace's connected mailbox, when it has one that can send (an active Gmail or
/// Outlook connection), through the app's own <c>send_email</c> action: so it is recorded like any email sent from
/// Sentinel. The owner sees the link either way; a send that fails is logged and said, and the invitation stands.
/// </summary>
internal sealed class InvitationMail(AppConnections connections, AppActions actions, ILogger<InvitationMail> log)
{
    private static readonly string[] Mailboxes = ["gmail", "outlook"];

    /// <summary>What the owner is told: sent from which mailbox, or why not.</summary>
    public async Task<string> SendAsync(WorkspaceInvitation invitation, string link, string workspace, string inviter, CancellationToken ct)
    {
        ConnectionView? mailbox = null;
        foreach (var app in Mailboxes)
        {
            mailbox ??= (await connections.ListAsync(app, null, 50, ct)).FirstOrDefault(c => c.Status == ConnectionStatus.Active);
        }

        if (mailbox is null)
        {
            return "No mailbox is connected to email it: pass the link on yourself.";
        }

        var role = invitation.Role.Name();
        var outcome = await actions.RunAsync(mailbox.Id, "send_email", new JsonObject
        {
            ["to"] = new JsonArray(invitation.Email),
            ["subject"] = $"{inviter} invited you to {workspace} on Sentinel",
            ["text"] = $"{inviter} invited you to join the workspace {workspace} on Sentinel as {role}.\n\n"
                + $"Accept the invitation: {link}\n\nThe link works once and expires on {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC.",
        }, ct);
        if (outcome.Result is null)
        {
            log.LogWarning("The invitation {InvitationId} was not emailed from {Mailbox}: {Problem}", invitation.Id, mailbox.Id,
                outcome.ProviderError ?? outcome.Unusable ?? outcome.Missing ?? "the input was refused");
            return $"Emailing it from {mailbox.Account} failed: pass the link on yourself.";
        }

        return $"It was emailed from {mailbox.Account}.";
    }
}
