using Integrations.Apps.Catalogue;
using Integrations.Apps.Connect;
using Integrations.Apps.Security;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Apps.Connections;

/// <summary>Saves a connected account: new, or the same account connected again (its tokens replaced, active again).</summary>
internal sealed class ConnectionStore(IntegrationsDbContext db, Caller caller, AuditTrail audit, AppSecrets secrets, TimeProvider clock)
{
    /// <summary>True when the account was connected before. <paramref name="configure"/> sets more of the row (a credential
    /// form's settings) in the same save.</summary>
    public async Task<bool> SaveAsync(AppDefinition app, ConnectedAccount account, GrantedTokens tokens, CancellationToken ct,
        Action<AppConnection>? configure = null)
    {
        try
        {
            return await SaveOnceAsync(app, account, tokens, configure, ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "app_connections" })
        {
            // The same account finished connecting at the same moment: its row exists now, and this one replaces its tokens.
            db.ChangeTracker.Clear();
            return await SaveOnceAsync(app, account, tokens, configure, ct);
        }
    }

    private async Task<bool> SaveOnceAsync(AppDefinition app, ConnectedAccount account, GrantedTokens tokens, Action<AppConnection>? configure,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var connection = await db.Set<AppConnection>().FirstOrDefaultAsync(c => c.AppId == app.Id && c.Account == account.Account, ct);
        var replaced = connection is not null;
        if (connection is null)
        {
            connection = new AppConnection
            {
                Id = PublicId.NewId(clock),
                WorkspaceId = caller.WorkspaceId,
                AppId = app.Id,
                Account = account.Account,
                AccountName = account.Name,
                AccessTokenCiphertext = "",
                ConnectedBy = caller.ActorId,
                CreatedAt = now,
            };
            db.Add(connection);
        }

        connection.AccountName = account.Name;
        if (account.Settings.Count > 0)
        {
            var settings = System.Text.Json.Nodes.JsonNode.Parse(connection.Settings) as System.Text.Json.Nodes.JsonObject ?? [];
            foreach (var (name, value) in account.Settings)
            {
                settings[name] = value;
            }

            connection.Settings = settings.ToJsonString();
        }

        connection.Scopes = Granted(app, tokens.Scope);
        connection.AccessTokenCiphertext = secrets.Protect(tokens.AccessToken);
        // A reconnect without a new refresh token (Google's when consent is not asked again) keeps the one it has.
        connection.RefreshTokenCiphertext = tokens.RefreshToken is { } refresh ? secrets.Protect(refresh) : connection.RefreshTokenCiphertext;
        connection.ExpiresAt = tokens.ExpiresIn is { } lifetime ? now + lifetime : null;
        connection.Status = ConnectionStatus.Active;
        connection.LastError = null;
        connection.ConnectedBy = caller.ActorId;
        connection.UpdatedAt = now;
        configure?.Invoke(connection);
        audit.Add("app.connected", "app_connection", PublicId.Format(IdPrefixes.AppConnection, connection.Id),
            new { app_id = app.Id, account = account.Account, scopes = connection.Scopes, reconnected = replaced });
        await db.SaveChangesAsync(ct);
        return replaced;
    }

    /// <summary>The connection of the account, as saved.</summary>
    public Task<AppConnection?> FindAsync(AppDefinition app, ConnectedAccount account, CancellationToken ct) =>
        db.Set<AppConnection>().FirstOrDefaultAsync(c => c.AppId == app.Id && c.Account == account.Account, ct);

    /// <summary>The scopes the token answer says were granted, else the ones asked for.</summary>
    private static List<string> Granted(AppDefinition app, string? scope) =>
        string.IsNullOrWhiteSpace(scope)
            ? [.. app.Auth.Scopes]
            : [.. scope.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];
}
