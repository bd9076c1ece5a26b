using System.Collections.Concurrent;
using Integrations.Apps.Connections;
using Integrations.Apps.Security;

namespace Integrations.Apps.Tokens;

/// <summary>A connection's access token for a call: the stored one while it is good, else a refreshed one, which the
/// rest of the scope (a sync run, an action) then uses without asking the database again. Safe to share between the
/// concurrent calls of one scope (a sync fetching several messages at once).</summary>
internal sealed class AccessTokens(TokenRefresher refresher, AppSecrets secrets)
{
    private readonly ConcurrentDictionary<Guid, FreshToken> fresh = [];

    public async Task<string> GetAsync(AppConnection connection, CancellationToken ct)
    {
        if (connection.Status is ConnectionStatus.NeedsReauth or ConnectionStatus.Disconnected)
        {
            throw new ConnectionUnusableException(
                connection.LastError ?? $"The {connection.AppId} connection of {connection.Account} must be connected again.", transient: false);
        }

        if (fresh.TryGetValue(connection.Id, out var known) && !refresher.IsDue(known.ExpiresAt))
        {
            return known.Token;
        }

        if (!fresh.ContainsKey(connection.Id) && !refresher.IsDue(connection.ExpiresAt) && secrets.TryUnprotect(connection.AccessTokenCiphertext) is { } token)
        {
            return token;
        }

        return Keep(connection.Id, await refresher.RefreshAsync(connection.Id, null, ct));
    }

    /// <summary>After the provider answered 401 to <paramref name="refused"/>: a new token, refreshed once.</summary>
    public async Task<string> RenewAsync(AppConnection connection, string refused, CancellationToken ct) =>
        Keep(connection.Id, await refresher.RefreshAsync(connection.Id, refused, ct));

    private string Keep(Guid id, FreshToken token)
    {
        fresh[id] = token;
        return token.Token;
    }
}
