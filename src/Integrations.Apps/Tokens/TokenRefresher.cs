using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
using Integrations.Apps.Connect;
using Integrations.Apps.Connections;
using Integrations.Apps.Security;
using Integrations.Platform.Audit;
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
/// Refreshes one connection's access token under a Postgres advisory lock on the connection, in its own scope and
/// transaction: whoever waited for the lock reads the row again and uses the token the first one stored, so two
/// instances never refresh one token at once (a rotating provider would take the second refresh as a reused refresh
/// token and end the grant). A rotated refresh token is committed before the lock is released. <c>invalid_grant</c>
/// ends the grant: the connection becomes <c>needs_reauth</c> and <c>app.connection.needs_reauth</c> is published.
/// </summary>
internal sealed class TokenRefresher(
    IServiceScopeFactory scopes, IHttpClientFactory http, AppCatalogue catalogue, AppSecrets secrets, TimeProvider clock,
    IOptions<ConnectionOptions> options, ILogger<TokenRefresher> log)
{
    /// <summary>
    /// A fresh access token. With <paramref name="refused"/> (the token a provider just answered 401 to) the refresh
    /// happens unless another caller already replaced that token; without it, only when the token is due.
    /// </summary>
    public async Task<FreshToken> RefreshAsync(Guid connectionId, string? refused, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended('app_connection:' || {connectionId.ToString()}, 0))", ct);
        var connection = await db.Set<AppConnection>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == connectionId, ct)
            ?? throw new ConnectionUnusableException("The connection was disconnected.", transient: false);
        if (connection.Status is ConnectionStatus.NeedsReauth or ConnectionStatus.Disconnected)
        {
            throw new ConnectionUnusableException(NeedsReauth(connection), transient: false);
        }

        var current = secrets.TryUnprotect(connection.AccessTokenCiphertext);
        var replaced = refused is not null && current is not null && current != refused;
        if (current is not null && (replaced || (refused is null && !IsDue(connection.ExpiresAt))))
        {
            return new FreshToken(current, connection.ExpiresAt);
        }

        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(connection.WorkspaceId);
        var app = catalogue.Find(connection.AppId) ?? throw new ConnectionUnusableException($"The app {connection.AppId} is no longer offered.", false);
        if (app.Auth.Kind == AppAuth.Credentials)
        {
            // An entered token has nothing to refresh it: the provider refused it, and only the admin can enter another.
            await EndGrantAsync(db, scope.ServiceProvider, connection, "HTTP 401", ct,
                $"{app.Name} refused the access token (HTTP 401): enter a valid one in the credentials form on the app page.");
            await transaction.CommitAsync(ct);
            throw new ConnectionUnusableException(NeedsReauth(connection), transient: false);
        }

        var client = await scope.ServiceProvider.GetRequiredService<AppClients>().CredentialsAsync(app.Id, ct);
        var refreshToken = secrets.TryUnprotect(connection.RefreshTokenCiphertext);
        if (client is null || refreshToken is null)
        {
            var why = client is null ? "the app has no OAuth client (or its secret can no longer be read)" : "the provider gave no refresh token";
            await EndGrantAsync(db, scope.ServiceProvider, connection, why, ct);
            await transaction.CommitAsync(ct);
            throw new ConnectionUnusableException(NeedsReauth(connection), transient: false);
        }

        var answer = await RequestAsync(app, client, refreshToken, ct);
        var now = clock.GetUtcNow();
        if (answer.Error is { } error)
        {
            if (answer.GrantGone)
            {
                await EndGrantAsync(db, scope.ServiceProvider, connection, error, ct);
                await transaction.CommitAsync(ct);
                throw new ConnectionUnusableException(NeedsReauth(connection), transient: false);
            }

            connection.Status = ConnectionStatus.RefreshFailing;
            connection.LastError = ProviderErrors.Bounded($"Refreshing the token failed: {error}");
            connection.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            log.LogWarning("Refreshing connection {ConnectionId} of {AppId} failed: {Error}", connection.Id, app.Id, error);
            // The token it has may still be good for a while: calls go on until it expires.
            return current is not null && connection.ExpiresAt > now
                ? new FreshToken(current, connection.ExpiresAt)
                : throw new ConnectionUnusableException(connection.LastError, transient: true);
        }

        var tokens = answer.Tokens!;
        connection.AccessTokenCiphertext = secrets.Protect(tokens.AccessToken!);
        if (!string.IsNullOrEmpty(tokens.RefreshToken))
        {
            connection.RefreshTokenCiphertext = secrets.Protect(tokens.RefreshToken);
        }

        connection.ExpiresAt = tokens.ExpiresIn > 0 ? now.AddSeconds(tokens.ExpiresIn) : null;
        connection.Status = ConnectionStatus.Active;
        connection.LastError = null;
        connection.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new FreshToken(tokens.AccessToken!, connection.ExpiresAt);
    }

    public bool IsDue(DateTimeOffset? expiresAt) => expiresAt is { } expires && expires - options.Value.RefreshMargin <= clock.GetUtcNow();

    private async Task<RefreshAnswer> RequestAsync(AppDefinition app, OAuthClient client, string refreshToken, CancellationToken ct)
    {
        var request = new RefreshTokenRequest
        {
            Address = app.Urls["token"],
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            ClientCredentialStyle = app.Auth.ClientAuth == "basic" ? ClientCredentialStyle.AuthorizationHeader : ClientCredentialStyle.PostBody,
            RefreshToken = refreshToken,
        };
        TokenResponse answer;
        try
        {
            var httpClient = http.CreateClient(AppsHttp.ClientName);
            answer = JsonTokenRequests.Apply(app)
                ? await JsonTokenRequests.SendAsync(httpClient, app, client, new JsonObject { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, ct)
                : await httpClient.RequestRefreshTokenAsync(request, ct);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new RefreshAnswer(null, "the token URL did not answer in time", false);
        }

        if (answer.ErrorType == ResponseErrorType.Exception)
        {
            return new RefreshAnswer(null, $"the token URL could not be reached ({answer.Error})", false);
        }

        var json = answer.Json ?? default;
        var error = ProviderErrors.Of(json) ?? (answer.IsError ? answer.Error ?? $"HTTP {(int)answer.HttpStatusCode}" : null);
        if (error is not null || string.IsNullOrEmpty(answer.AccessToken))
        {
            // RFC 6749 §5.2: invalid_grant is a refresh token that is expired, revoked or was used already; Slack says
            // invalid_refresh_token. Anything else (a 5xx, a 429, invalid_client while an admin edits the client) may pass.
            var code = answer.Error ?? "";
            var gone = code is "invalid_grant" or "invalid_refresh_token" or "token_revoked" or "token_expired";
            return new RefreshAnswer(null, error ?? "the token URL answered without an access token", gone);
        }

        return new RefreshAnswer(answer, null, false);
    }

    private async Task EndGrantAsync(IntegrationsDbContext db, IServiceProvider services, AppConnection connection, string error, CancellationToken ct,
        string? lastError = null)
    {
        var id = PublicId.Format(IdPrefixes.AppConnection, connection.Id);
        connection.Status = ConnectionStatus.NeedsReauth;
        connection.LastError = ProviderErrors.Bounded(lastError ?? $"The provider ended the grant ({error}): connect the account again.");
        connection.UpdatedAt = clock.GetUtcNow();
        services.GetRequiredService<Caller>().ActAsSystem(connection.WorkspaceId);
        services.GetRequiredService<AuditTrail>().Add("app.needs_reauth", "app_connection", id, new { app_id = connection.AppId, account = connection.Account, error });
        await db.SaveChangesAsync(ct);
        await services.GetRequiredService<EventLog>().AppendAsync(
            [new EventRecord(EventCatalog.ConnectionNeedsReauth, new JsonObject
            {
                ["connection_id"] = id, ["app"] = connection.AppId, ["account"] = connection.Account, ["error"] = ProviderErrors.Bounded(error),
            }.ToJsonString())], ct);
        log.LogWarning("Connection {ConnectionId} of {AppId} needs to be connected again: {Error}", connection.Id, connection.AppId, error);
    }

    private static string NeedsReauth(AppConnection connection) =>
        connection.LastError ?? $"The {connection.AppId} connection of {connection.Account} must be connected again.";

    private sealed record RefreshAnswer(TokenResponse? Tokens, string? Error, bool GrantGone);
}

/// <summary>An access token and when it expires (null: the provider did not say).</summary>
internal sealed record FreshToken(string Token, DateTimeOffset? ExpiresAt);
