using Integrations.Apps.Clients;
using Integrations.Apps.Security;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Apps.Providers.Notion;

/// <summary>
/// The verification token Notion POSTs once when a webhook subscription is made (or its token is resent): kept,
/// encrypted, as the signing secret of the workspace's own Notion client (the one <see cref="Triggers.WebhookSigningSecrets"/>
/// reads), and shown on the app page so the admin can paste it back into Notion to verify the subscription. The newest
/// one replaces an older: Notion sends a new token when a subscription is made again, and only ever signs with the last.
/// </summary>
internal sealed class NotionVerificationTokens(IntegrationsDbContext db, AppSecrets secrets, TimeProvider clock)
{
    /// <summary>False when the workspace has no Notion client of its own to keep it with.</summary>
    public async Task<bool> CaptureAsync(Guid workspaceId, string token, CancellationToken ct)
    {
        var client = await db.Set<AppClient>().IgnoreQueryFilters()
            .FirstOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.AppId == NotionServices.AppId, ct);
        if (client is null)
        {
            return false;
        }

        client.SigningSecretCiphertext = secrets.Protect(token);
        client.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }
}
