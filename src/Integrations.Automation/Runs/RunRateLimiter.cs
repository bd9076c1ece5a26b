using System.Collections.Concurrent;

namespace Integrations.Automation.Runs;

/// <summary>
/// A workflow's <c>max_runs_per_minute</c>: per workflow, the first clock minute that still has room and how many runs
/// it holds. A run past the limit is queued for the next minute with room, so a burst (an import of 100,000 matching
/// rows) runs in full, spread over the minutes after; none is skipped. Counted in memory, per instance, as the API's
/// own limits are until they move to a shared store: matching asks no query of the database for it.
/// </summary>
internal sealed class RunRateLimiter
{
    private const int Limit = 10_000;
    private readonly ConcurrentDictionary<Guid, Slot> workflows = new();

    /// <summary>When a new run of <paramref name="workflowId"/> may start: null for now, else the start of a later minute.</summary>
    public DateTimeOffset? StartAt(Guid workflowId, int perMinute, DateTimeOffset now)
    {
        if (workflows.Count > Limit)
        {
            workflows.Clear();
        }

        var slot = workflows.GetOrAdd(workflowId, _ => new Slot());
        var minute = now.ToUnixTimeSeconds() / 60;
        lock (slot)
        {
            if (slot.Minute < minute)
            {
                (slot.Minute, slot.Used) = (minute, 0);
            }
            else if (slot.Used >= perMinute)
            {
                (slot.Minute, slot.Used) = (slot.Minute + 1, 0);
            }

            slot.Used++;
            return slot.Minute == minute ? null : DateTimeOffset.FromUnixTimeSeconds(slot.Minute * 60);
        }
    }

    private sealed class Slot
    {
        public long Minute { get; set; }
        public int Used { get; set; }
    }
}
