using System.Collections.Concurrent;
using Integrations.Platform.Limits;
using StackExchange.Redis;

namespace Integrations.Automation.Runs;

/// <summary>
/// A workflow's <c>max_runs_per_minute</c>: per workflow, the first clock minute that still has room and how many runs
/// it holds. A run past the limit is queued for the next minute with room, so a burst (an import of 100,000 matching
/// rows) runs in full, spread over the minutes after; none is skipped. Matching asks no query of the database for it:
/// with a shared store configured, a batch's runs of one workflow take their minutes in one call to Redis, so every
/// instance fills the same minutes; without one, or while it fails, they are counted in this process.
/// </summary>
internal sealed class RunRateLimiter(SharedStore shared)
{
    private const int Limit = 10_000;

    // Takes up to ARGV[3] places from the minute ARGV[1] on, ARGV[2] a minute; returns (minute, places) pairs.
    private const string Reserve =
        """
        local minute = tonumber(ARGV[1])
        local limit = tonumber(ARGV[2])
        local wanted = tonumber(ARGV[3])
        local taken = {}
        while wanted > 0 do
          local key = KEYS[1] .. minute
          local used = tonumber(redis.call('GET', key) or '0')
          if used < limit then
            local take = math.min(limit - used, wanted)
            redis.call('INCRBY', key, take)
            redis.call('EXPIREAT', key, (minute + 2) * 60)
            taken[#taken + 1] = minute
            taken[#taken + 1] = take
            wanted = wanted - take
          end
          minute = minute + 1
        end
        return taken
        """;

    private readonly ConcurrentDictionary<Guid, Slot> workflows = new();

    /// <summary>When each of <paramref name="count"/> new runs of <paramref name="workflowId"/> may start, in order: null
    /// for now, else the start of a later minute.</summary>
    public async ValueTask<DateTimeOffset?[]> StartTimesAsync(Guid workflowId, int perMinute, int count, DateTimeOffset now)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        var reserved = await shared.TryAsync(async redis => new Places((long[])(await redis.GetDatabase().ScriptEvaluateAsync(Reserve,
            [new RedisKey($"sentinel:{{runs:{workflowId:N}}}:")], [minute, perMinute, count]))!), "workflow rate limits");
        var starts = new DateTimeOffset?[count];
        if (reserved is not { } places)
        {
            for (var i = 0; i < count; i++)
            {
                starts[i] = StartAt(workflowId, perMinute, now);
            }

            return starts;
        }

        var next = 0;
        for (var p = 0; p < places.Pairs.Length; p += 2)
        {
            DateTimeOffset? start = places.Pairs[p] == minute ? null : DateTimeOffset.FromUnixTimeSeconds(places.Pairs[p] * 60);
            for (var n = 0; n < places.Pairs[p + 1]; n++)
            {
                starts[next++] = start;
            }
        }

        return starts;
    }

    /// <summary>This process's count: when a new run of <paramref name="workflowId"/> may start, null for now, else the
    /// start of a later minute.</summary>
    internal DateTimeOffset? StartAt(Guid workflowId, int perMinute, DateTimeOffset now)
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

    private readonly record struct Places(long[] Pairs);

    private sealed class Slot
    {
        public long Minute { get; set; }
        public int Used { get; set; }
    }
}
