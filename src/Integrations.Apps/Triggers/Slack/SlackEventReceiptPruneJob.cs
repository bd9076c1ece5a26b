using Hangfire;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Apps.Triggers.Slack;

/// <summary>Deletes receipts older than <see cref="Kept"/>: by then Slack has stopped retrying (its last retry comes
/// minutes after the first try) and a replay's timestamp is stale.</summary>
internal sealed class SlackEventReceiptPruneJob(IntegrationsDbContext db, TimeProvider clock)
{
    public const string Id = "slack-event-receipts-prune";
    public static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    [AutomaticRetry(Attempts = 2)]
    public Task<int> RunAsync(CancellationToken ct)
    {
        var expired = clock.GetUtcNow() - Kept;
        return db.Set<SlackEventReceipt>().Where(r => r.ReceivedAt <= expired).ExecuteDeleteAsync(ct);
    }
}
