using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
using Integrations.Apps.Security;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Triggers.Zoom;

/// <summary>
/// The Secret Tokens Zoom's webhook requests are checked with: a workspace's own, entered with its Zoom client on the
/// app's page (kept where Slack's signing secret is), else the platform's (<c>Sentinel:Apps:zoom:WebhookSecretToken</c>).
/// Read across workspaces: a request names a Zoom account, never a workspace.
/// </summary>
internal sealed class ZoomSecretTokens(IntegrationsDbContext db, AppSecrets secrets, IOptions<AppsOptions> options)
{
    public string? Platform => options.Value.SigningSecret(ZoomWebhook.AppId);

    /// <summary>The secret token of each workspace that has one.</summary>
    public async Task<Dictionary<Guid, string>> OfWorkspacesAsync(IReadOnlyCollection<Guid> workspaces, CancellationToken ct)
    {
        var own = await Stored().Where(c => workspaces.Contains(c.WorkspaceId))
            .ToDictionaryAsync(c => c.WorkspaceId, c => c.SigningSecretCiphertext!, ct);
        var found = new Dictionary<Guid, string>();
        foreach (var workspace in workspaces)
        {
            if ((own.TryGetValue(workspace, out var ciphertext) ? secrets.TryUnprotect(ciphertext) : Platform) is { } secret)
            {
                found[workspace] = secret;
            }
        }

        return found;
    }

    /// <summary>Every Zoom secret token there is, for a request that names no account (<c>endpoint.url_validation</c>).</summary>
    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken ct)
    {
        var stored = await Stored().Select(c => c.SigningSecretCiphertext!).ToListAsync(ct);
        return [.. new[] { Platform }.Concat(stored.Select(secrets.TryUnprotect)).OfType<string>().Distinct()];
    }

    private IQueryable<AppClient> Stored() =>
        db.Set<AppClient>().IgnoreQueryFilters().AsNoTracking().Where(c => c.AppId == ZoomWebhook.AppId && c.SigningSecretCiphertext != null);
}
