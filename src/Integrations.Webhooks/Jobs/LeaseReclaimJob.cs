using Hangfire;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Webhooks.Jobs;

/// <summary>Clears expired leases, so the delivery log shows what is really held. Harmless: the claim takes expired leases anyway.</summary>
internal sealed class LeaseReclaimJob(IntegrationsDbContext db, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 2)]
    public Task<int> RunAsync(CancellationToken ct) => db.Database.ExecuteSqlRawAsync(
        "UPDATE webhook_deliveries SET lease_until = NULL WHERE lease_until < @now",
        [new NpgsqlParameter("now", clock.GetUtcNow())],
        ct);
}
