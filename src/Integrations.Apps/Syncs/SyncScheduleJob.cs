using Hangfire;

namespace Integrations.Apps.Syncs;

/// <summary>Every minute: queues the syncs that are due.</summary>
internal sealed class SyncScheduleJob(SyncQueue queue)
{
    public const string Id = "apps-sync-schedule";

    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken ct) => queue.QueueDueAsync(ct);
}
