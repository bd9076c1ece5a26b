using Hangfire;
using Integrations.Apps.Connections;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Tokens;

/// <summary>
/// Every minute: refreshes the tokens of connections that expire within the margin, a bounded number at once, so a
/// sync or an action seldom waits for a refresh. Several instances may run it together: the per-connection lock and
/// the re-read make the second one find a fresh token and stop.
/// </summary>
internal sealed class TokenRefreshJob(
    IntegrationsDbContext db, TokenRefresher refresher, TimeProvider clock, IOptions<ConnectionOptions> options, ILogger<TokenRefreshJob> log)
{
    public const string Id = "apps-token-refresh";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        var due = clock.GetUtcNow() + options.Value.RefreshMargin;
        var ids = await db.Set<AppConnection>().IgnoreQueryFilters()
            .Where(c => (c.Status == ConnectionStatus.Active || c.Status == ConnectionStatus.RefreshFailing)
                && c.ExpiresAt != null && c.ExpiresAt <= due && c.RefreshTokenCiphertext != null)
            .OrderBy(c => c.ExpiresAt).Select(c => c.Id).ToListAsync(ct);
        var failed = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = options.Value.RefreshConcurrency, CancellationToken = ct },
            async (id, token) =>
            {
                try
                {
                    await refresher.RefreshAsync(id, null, token);
                }
                catch (ConnectionUnusableException)
                {
                    Interlocked.Increment(ref failed);
                }
            });
        if (ids.Count > 0)
        {
            log.LogInformation("Refreshed {Count} due app tokens ({Failed} failed)", ids.Count - failed, failed);
        }
    }
}
