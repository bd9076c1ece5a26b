using System.Text.Json.Nodes;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Syncs;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Apps.Connections;

/// <summary>Connections as the API and pages show them: never a token or a secret setting, with their syncs' state
/// (read in one query for a page of connections).</summary>
internal sealed class ConnectionViews(IntegrationsDbContext db, AppCatalogue catalogue, TimeProvider clock)
{
    public async Task<IReadOnlyList<ConnectionView>> OfAsync(IReadOnlyList<AppConnection> connections, CancellationToken ct)
    {
        var ids = connections.Select(c => c.Id).ToList();
        var syncs = (await db.Set<AppSync>().AsNoTracking().Where(s => ids.Contains(s.ConnectionId)).ToListAsync(ct)).ToLookup(s => s.ConnectionId);
        return connections.Select(c => View(c, syncs[c.Id])).ToList();
    }

    private ConnectionView View(AppConnection c, IEnumerable<AppSync> stored)
    {
        var app = catalogue.Find(c.AppId);
        var byId = stored.ToDictionary(s => s.SyncId);
        var now = clock.GetUtcNow();
        return new ConnectionView(PublicId.Format(IdPrefixes.AppConnection, c.Id), c.AppId, c.Account, c.AccountName, c.Status, c.Scopes,
            c.ExpiresAt, c.LastError, c.CreatedAt)
        {
            Settings = Shown(app, c.Settings),
            ExpiresInDays = TokenExpiry.DaysLeft(c, now),
            TokenExpired = TokenExpiry.Expired(c, now),
            Syncs = (app?.Syncs ?? []).Select(s => byId.TryGetValue(s.Id, out var row)
                ? new SyncView(s.Id, row.Status, row.StartedAt, row.FinishedAt, row.NextRunAt, row.ItemsSynced, row.LastError, row.LastErrorAt)
                : new SyncView(s.Id, SyncStatus.Idle, null, null, null, 0, null, null)).ToList(),
        };
    }

    private static JsonObject Shown(AppDefinition? app, string settings)
    {
        var values = JsonNode.Parse(settings) as JsonObject ?? [];
        // What an app keeps for itself (a name starting with "_", e.g. Calendly's webhook subscription) is not a setting.
        foreach (var own in values.Select(v => v.Key).Where(k => k.StartsWith('_')).ToList())
        {
            values.Remove(own);
        }

        // A credential form's secrets (WhatsApp's app secret) are kept among the settings too.
        foreach (var secret in (app?.Settings ?? []).Concat(app?.Auth.Fields ?? []).Where(f => f.Type == "secret" && values.ContainsKey(f.Name)))
        {
            values[secret.Name] = "set";
        }

        return values;
    }
}
