using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
using Integrations.Apps.Security;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Triggers;

/// <summary>
/// The secrets an app's webhook requests are checked with (Slack's signing secret, Zoom's Secret Token): a workspace's
/// own, entered with its client on the app's page, else the platform's (<c>Sentinel:Apps:slack:SigningSecret</c>,
/// <c>Sentinel:Apps:zoom:WebhookSecretToken</c>). Read across workspaces: a request names a team or an account at the
/// provider, never a workspace.
/// </summary>
internal sealed class WebhookSigningSecrets(IntegrationsDbContext db, AppSecrets secrets, IOptions<AppsOptions> options)
{
    public string? Platform(string appId) => options.Value.SigningSecret(appId);

    /// <summary>The secret of each workspace that has one.</summary>
    public async Task<Dictionary<Guid, string>> OfWorkspacesAsync(string appId, IReadOnlyCollection<Guid> workspaces, CancellationToken ct)
    {
        var own = await Stored(appId).Where(c => workspaces.Contains(c.WorkspaceId))
            .ToDictionaryAsync(c => c.WorkspaceId, c => c.SigningSecretCiphertext!, ct);
        var found = new Dictionary<Guid, string>();
        foreach (var workspace in workspaces)
        {
            if ((own.TryGetValue(workspace, out var ciphertext) ? secrets.TryUnprotect(ciphertext) : Platform(appId)) is { } secret)
            {
                found[workspace] = secret;
            }
        }

        return found;
    }

    /// <summary>Every secret of the app there is, for a request that names no team or account (Slack's
    /// <c>url_verification</c>, Zoom's <c>endpoint.url_validation</c>).</summary>
    public async Task<IReadOnlyList<string>> AllAsync(string appId, CancellationToken ct)
    {
        var stored = await Stored(appId).Select(c => c.SigningSecretCiphertext!).ToListAsync(ct);
        return [.. new[] { Platform(appId) }.Concat(stored.Select(secrets.TryUnprotect)).OfType<string>().Distinct()];
    }

    private IQueryable<AppClient> Stored(string appId) =>
        db.Set<AppClient>().IgnoreQueryFilters().AsNoTracking().Where(c => c.AppId == appId && c.SigningSecretCiphertext != null);
}
