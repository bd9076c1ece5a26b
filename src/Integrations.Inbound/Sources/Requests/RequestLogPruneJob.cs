using Hangfire;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>Deletes processed and failed requests older than 30 days (their bodies are up to a megabyte each); waiting ones stay.</summary>
internal sealed class RequestLogPruneJob(IntegrationsDbContext db, TimeProvider clock)
{
    public const string Id = "inbound-request-prune";
    public static readonly TimeSpan Keep = TimeSpan.FromDays(30);

    [AutomaticRetry(Attempts = 2)]
    public Task<int> RunAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - Keep;
        return db.Set<InboundRequest>().IgnoreQueryFilters()
            .Where(r => r.ReceivedAt < before && r.Status != RequestStatus.Received)
            .ExecuteDeleteAsync(ct);
    }
}
