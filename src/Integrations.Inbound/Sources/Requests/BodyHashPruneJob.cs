using Hangfire;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>
/// Deletes body hashes older than the de-duplication window. Receiving takes such a hash over anyway: this only keeps the
/// table small.
/// </summary>
internal sealed class BodyHashPruneJob(IntegrationsDbContext db, IOptionsMonitor<SourceOptions> options, TimeProvider clock)
{
    public const string Id = "inbound-body-hash-prune";

    [AutomaticRetry(Attempts = 2)]
    public Task<int> RunAsync(CancellationToken ct)
    {
        var expired = clock.GetUtcNow() - options.CurrentValue.BodyDedupeWindow;
        return db.Set<InboundBodyHash>().Where(h => h.ReceivedAt <= expired).ExecuteDeleteAsync(ct);
    }
}
