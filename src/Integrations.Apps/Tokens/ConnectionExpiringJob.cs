using System.Globalization;
using System.Text.Json.Nodes;
using Hangfire;
using Integrations.Apps.Connections;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Tokens;

/// <summary>
/// Hourly: <c>app.connection.expiring</c> for each usable connection whose token cannot renew itself (no refresh token)
/// and expires within the notice (<c>Sentinel:Connections:ExpiringNotice</c>, 7 days), once per token: the expiry
/// announced is kept in the connection's settings, written by a conditional update in the event's transaction, so a
/// second run (or instance) finds it announced, and a reconnect's new expiry is announced again.
/// </summary>
internal sealed class ConnectionExpiringJob(
    IntegrationsDbContext db, IServiceScopeFactory scopes, TimeProvider clock, IOptions<ConnectionOptions> options, ILogger<ConnectionExpiringJob> log)
{
    public const string Id = "apps-connection-expiring";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = now + options.Value.ExpiringNotice;
        var candidates = await db.Set<AppConnection>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => (c.Status == ConnectionStatus.Active || c.Status == ConnectionStatus.RefreshFailing)
                && c.RefreshTokenCiphertext == null && c.ExpiresAt != null && c.ExpiresAt <= due)
            .ToListAsync(ct);
        var announced = 0;
        foreach (var connection in candidates.Where(c => Announced(c) != Stamp(c.ExpiresAt!.Value)))
        {
            announced += await AnnounceAsync(connection, now, ct) ? 1 : 0;
        }

        if (announced > 0)
        {
            log.LogInformation("Announced {Count} app connections whose tokens expire soon", announced);
        }
    }

    private async Task<bool> AnnounceAsync(AppConnection connection, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var scoped = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(connection.WorkspaceId);
        var expires = connection.ExpiresAt!.Value;
        var stamp = Stamp(expires);
        await using var transaction = await scoped.Database.BeginTransactionAsync(ct);
        var claimed = await scoped.Database.ExecuteSqlAsync(
            $"""
            UPDATE app_connections SET settings = jsonb_set(settings, {new[] { TokenExpiry.AnnouncedKey }}, to_jsonb({stamp}::text))
            WHERE id = {connection.Id} AND expires_at = {expires} AND refresh_token_ciphertext IS NULL
              AND (settings ->> {TokenExpiry.AnnouncedKey}) IS DISTINCT FROM {stamp}
            """, ct);
        if (claimed == 0)
        {
            return false;
        }

        await scope.ServiceProvider.GetRequiredService<EventLog>().AppendAsync(
            [new EventRecord(EventCatalog.ConnectionExpiring, new JsonObject
            {
                ["connection_id"] = PublicId.Format(IdPrefixes.AppConnection, connection.Id),
                ["app"] = connection.AppId,
                ["account"] = connection.Account,
                ["account_name"] = connection.AccountName,
                ["expires_at"] = expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["expires_in_days"] = TokenExpiry.DaysLeft(connection, now),
            }.ToJsonString())], ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static string? Announced(AppConnection connection) =>
        JsonNode.Parse(connection.Settings) is JsonObject settings && settings[TokenExpiry.AnnouncedKey] is JsonValue value
            && value.TryGetValue<string>(out var stamp) ? stamp : null;

    private static string Stamp(DateTimeOffset expires) => expires.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
