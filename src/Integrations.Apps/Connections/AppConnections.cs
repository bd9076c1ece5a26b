using System.Security.Cryptography;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Security;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Apps.Connections;

/// <summary>The workspace's connected accounts: listed (never a token) and disconnected.</summary>
public sealed class AppConnections
{
    private readonly IntegrationsDbContext db;
    private readonly AppCatalogue catalogue;
    private readonly ConnectionRevoker revoker;
    private readonly AppSecrets secrets;
    private readonly AuditTrail audit;
    private readonly ILogger<AppConnections> log;

    internal AppConnections(IntegrationsDbContext db, AppCatalogue catalogue, ConnectionRevoker revoker, AppSecrets secrets, AuditTrail audit,
        ILogger<AppConnections> log)
    {
        this.db = db;
        this.catalogue = catalogue;
        this.revoker = revoker;
        this.secrets = secrets;
        this.audit = audit;
        this.log = log;
    }

    /// <summary>Newest first, before the connection <paramref name="before"/> when given; of one app when <paramref name="appId"/> is given.</summary>
    public async Task<IReadOnlyList<ConnectionView>> ListAsync(string? appId, Guid? before, int take, CancellationToken ct)
    {
        var query = db.Set<AppConnection>().AsNoTracking();
        query = appId is null ? query : query.Where(c => c.AppId == appId);
        query = before is { } cursor ? query.Where(c => c.Id < cursor) : query;
        var connections = await query.OrderByDescending(c => c.Id).Take(take).ToListAsync(ct);
        return connections.Select(View).ToList();
    }

    public async Task<ConnectionView?> FindAsync(string id, CancellationToken ct) =>
        await StoredAsync(id, ct) is { } connection ? View(connection) : null;

    /// <summary>Revokes the grant at the provider where the app has a revoke URL, then deletes the connection and its
    /// tokens, whether the provider agreed or not; null when there is no such connection.</summary>
    public async Task<DisconnectView?> DisconnectAsync(string id, CancellationToken ct)
    {
        if (await StoredAsync(id, ct) is not { } connection)
        {
            return null;
        }

        bool? revoked = null;
        string? revokeError = null;
        if (catalogue.Find(connection.AppId) is { } app && app.Urls.ContainsKey("revoke"))
        {
            // Google revokes a user's whole grant to a client: Gmail, Calendar and GA4 of one account share it when they
            // share the client. Revoking would silently break the other connections, so the grant is left to them.
            revokeError = await SharedGrantAsync(app, connection, ct) is { } other
                ? $"not revoked at the provider: the {other} connection of {connection.Account} uses the same grant"
                : await RevokeAsync(app, connection, ct);
            revoked = revokeError is null;
        }

        db.Remove(connection);
        audit.Add("app.disconnected", "app_connection", id, new { app_id = connection.AppId, account = connection.Account, revoked, revoke_error = revokeError });
        await db.SaveChangesAsync(ct);
        return new DisconnectView(id, revoked, revokeError);
    }

    // Another app's connection of the same account through the same provider (token URL), if any: its name.
    private async Task<string?> SharedGrantAsync(AppDefinition app, AppConnection connection, CancellationToken ct)
    {
        var siblings = catalogue.All.Where(a => a.Id != app.Id && a.Urls.GetValueOrDefault("token") == app.Urls["token"]).ToList();
        var ids = siblings.Select(a => a.Id).ToList();
        var other = await db.Set<AppConnection>().Where(c => ids.Contains(c.AppId) && c.Account == connection.Account)
            .Select(c => c.AppId).FirstOrDefaultAsync(ct);
        return other is null ? null : siblings.First(a => a.Id == other).Name;
    }

    private async Task<string?> RevokeAsync(AppDefinition app, AppConnection connection, CancellationToken ct)
    {
        try
        {
            var access = secrets.Unprotect(connection.AccessTokenCiphertext);
            var refresh = connection.RefreshTokenCiphertext is { } stored ? secrets.Unprotect(stored) : null;
            var error = await revoker.RevokeAsync(app, access, refresh, ct);
            if (error is not null)
            {
                log.LogWarning("Revoking connection {ConnectionId} of {AppId} failed: {RevokeError}", connection.Id, app.Id, error);
            }

            return error;
        }
        catch (CryptographicException)
        {
            return "the stored tokens can no longer be read";
        }
    }

    private Task<AppConnection?> StoredAsync(string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.AppConnection, id, out var key)
            ? db.Set<AppConnection>().FirstOrDefaultAsync(c => c.Id == key, ct)
            : Task.FromResult<AppConnection?>(null);

    private static ConnectionView View(AppConnection c) => new(
        PublicId.Format(IdPrefixes.AppConnection, c.Id), c.AppId, c.Account, c.AccountName, c.Status, c.Scopes, c.ExpiresAt, c.LastError, c.CreatedAt);
}
