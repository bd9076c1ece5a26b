using Hangfire;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Webhooks.Jobs;

/// <summary>Deletes delivery attempts older than 30 days; the deliveries themselves stay.</summary>
internal sealed class AttemptLogPruneJob(IntegrationsDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Keep = TimeSpan.FromDays(30);

    [AutomaticRetry(Attempts = 2)]
    public Task<int> RunAsync(CancellationToken ct) => db.Database.ExecuteSqlRawAsync(
        "DELETE FROM webhook_delivery_attempts WHERE attempted_at < @before",
        [new NpgsqlParameter("before", clock.GetUtcNow() - Keep)],
        ct);
}
