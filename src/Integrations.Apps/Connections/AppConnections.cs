using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Syncs;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
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
    private readonly ConnectionViews views;
    private readonly SyncQueue queue;
    private readonly AppClients clients;
    private readonly IEnumerable<IConnectionHook> hooks;
    private readonly IEnumerable<IConnectionSettingsCheck> checks;

    internal AppConnections(IntegrationsDbContext db, AppCatalogue catalogue, ConnectionRevoker revoker, AppSecrets secrets, AuditTrail audit,
        ILogger<AppConnections> log, ConnectionViews views, SyncQueue queue, AppClients clients, IEnumerable<IConnectionHook> hooks,
        IEnumerable<IConnectionSettingsCheck> checks)
    {
        this.checks = checks;
        this.clients = clients;
        this.hooks = hooks;
        this.views = views;
        this.queue = queue;
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
        return await views.OfAsync(connections, ct);
    }

    public async Task<ConnectionView?> FindAsync(string id, CancellationToken ct) =>
        await StoredAsync(id, ct) is { } connection ? (await views.OfAsync([connection], ct))[0] : null;

    /// <summary>Queues every sync of the connection now ("Sync now"); a sync that is queued or running already is left
    /// to finish. Null when there is no such connection.</summary>
    public async Task<ConnectionView?> SyncNowAsync(string id, CancellationToken ct)
    {
        if (await StoredAsync(id, ct) is not { } connection)
        {
            return null;
        }

        await queue.QueueConnectionAsync(connection, ct);
        audit.Add("app.sync_requested", "app_connection", id, new { app_id = connection.AppId });
        await db.SaveChangesAsync(ct);
        return (await views.OfAsync([connection], ct))[0];
    }

    /// <summary>Changes the connection's settings (the ones given; one given empty is cleared, except a secret, which keeps
    /// its value). Null when there is no such connection; errors by field (<c>settings.{name}</c>) when a value does not fit.</summary>
    public async Task<(ConnectionView? View, Dictionary<string, string[]> Errors)> UpdateSettingsAsync(string id, JsonObject? settings, CancellationToken ct)
    {
        if (await StoredAsync(id, ct) is not { } connection || catalogue.Find(connection.AppId) is not { } app)
        {
            return (null, []);
        }

        var (values, errors) = ActionInputs.Read(app.Settings, settings, "settings.");
        if (errors.Count == 0 && checks.FirstOrDefault(c => c.AppId == app.Id) is { } check)
        {
            errors = check.Check(values);
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var stored = JsonNode.Parse(connection.Settings) as JsonObject ?? [];
        foreach (var (name, value) in values)
        {
            var secret = app.Settings.First(f => f.Name == name).Type == "secret";
            stored[name] = secret ? secrets.Protect(value!.GetValue<string>()) : value?.DeepClone();
        }

        // Given empty (or null), a setting is cleared; a secret keeps its value (a form leaves it empty to keep it).
        var cleared = app.Settings.Where(f => f.Type != "secret" && settings!.ContainsKey(f.Name) && !values.ContainsKey(f.Name)).Select(f => f.Name).ToList();
        cleared.ForEach(name => stored.Remove(name));
        connection.Settings = stored.ToJsonString();
        audit.Add("app.settings_changed", "app_connection", id, new { app_id = app.Id, changed = values.Select(v => v.Key).Concat(cleared).ToList() });
        await db.SaveChangesAsync(ct);
        return ((await views.OfAsync([connection], ct))[0], errors);
    }

    /// <summary>Revokes the grant at the provider where the app has a revoke URL, then deletes the connection and its
    /// tokens, whether the provider agreed or not; null when there is no such connection.</summary>
    public async Task<DisconnectView?> DisconnectAsync(string id, CancellationToken ct)
    {
        if (await StoredAsync(id, ct) is not { } connection)
        {
            return null;
        }

        // The app's own step at the provider (Calendly's webhook removal) needs the grant, so it comes before revoking.
        var hookError = hooks.FirstOrDefault(h => h.AppId == connection.AppId) is { } hook ? await hook.DisconnectingAsync(connection, ct) : null;
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
        audit.Add("app.disconnected", "app_connection", id, new { app_id = connection.AppId, account = connection.Account, revoked, revoke_error = revokeError, provider_error = hookError });
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
            // A provider that authenticates its client at the revoke URL too (Zoom) gets its credentials.
            var client = app.Auth.ClientAuth == "basic" ? await clients.CredentialsAsync(app.Id, ct) : null;
            var error = await revoker.RevokeAsync(app, access, refresh, ct, client);
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
}
