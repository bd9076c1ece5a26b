using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
using Integrations.Apps.Security;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Triggers.Slack;

/// <summary>
/// The signing secrets Slack requests are checked with: a workspace's own, entered with its Slack client on the app's
/// page, else the platform's (<c>Sentinel:Apps:slack:SigningSecret</c>). Read across workspaces: a request names a
/// Slack team, never a workspace.
/// </summary>
internal sealed class SlackSigningSecrets(IntegrationsDbContext db, AppSecrets secrets, IOptions<AppsOptions> options)
{
    public string? Platform => options.Value.SigningSecret(SlackEvents.AppId);

    /// <summary>The secret of each workspace that has one.</summary>
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

    /// <summary>Every Slack signing secret there is, for a request that names no team (<c>url_verification</c>).</summary>
    public async Task<IReadOnlyList<string>> AllAsync(CancellationToken ct)
    {
        var stored = await Stored().Select(c => c.SigningSecretCiphertext!).ToListAsync(ct);
        return [.. new[] { Platform }.Concat(stored.Select(secrets.TryUnprotect)).OfType<string>().Distinct()];
    }

    private IQueryable<AppClient> Stored() =>
        db.Set<AppClient>().IgnoreQueryFilters().AsNoTracking().Where(c => c.AppId == SlackEvents.AppId && c.SigningSecretCiphertext != null);
}
