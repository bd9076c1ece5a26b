using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Integrations.Platform.Security;

/// <summary>
/// Counts per key in the clock's current minute. A minute's counts are one dictionary, replaced whole when the minute
/// turns, so memory holds one minute's keys only, and at most <c>capacity</c> of them: past that, a new key is counted
/// under a coarser key given with it, with room for as many of those again, and goes uncounted only when that is full.
/// </summary>
internal sealed class MinuteCounts<TKey>(int capacity)
    where TKey : notnull
{
    private Minute current = new(long.MinValue, capacity);

    /// <summary>The counts of <paramref name="minute"/>; <paramref name="ended"/> is the minute it replaced, when this call
    /// is the one that replaced it.</summary>
    public Minute At(long minute, out Minute? ended)
    {
        while (true)
        {
            var seen = Volatile.Read(ref current);
            // A clock stepping back keeps the newer minute.
            if (seen.Number >= minute)
            {
                ended = null;
                return seen;
            }

            var next = new Minute(minute, capacity);
            if (Interlocked.CompareExchange(ref current, next, seen) == seen)
            {
                ended = seen.Number == long.MinValue ? null : seen;
                return next;
            }
        }
    }

    internal sealed class Minute(long number, int capacity)
    {
        private readonly ConcurrentDictionary<TKey, StrongBox<int>> counts = new();
        private int size;

        /// <summary>Minutes since the Unix epoch.</summary>
        public long Number => number;

        public IEnumerable<KeyValuePair<TKey, int>> Counts => counts.Select(c => KeyValuePair.Create(c.Key, Volatile.Read(ref c.Value.Value)));

        /// <summary>Whether new keys are counted under their coarser keys now.</summary>
        public bool IsFull => Volatile.Read(ref size) >= capacity;

        public int Count(TKey key) =>
            Volatile.Read(ref size) > 0 && counts.TryGetValue(key, out var count) ? Volatile.Read(ref count.Value) : 0;

        /// <summary>Adds one to <paramref name="key"/>'s count and returns the new count; 0 when the minute is full.</summary>
        public int Add(TKey key) => AddWithin(key, capacity);

        /// <summary>Adds one to <paramref name="key"/>'s count or, when the minute is full, to <paramref name="coarser"/>'s;
        /// returns the key counted and its new count (0 when the coarser keys' room is full too).</summary>
        public (TKey Counted, int Count) Add(TKey key, TKey coarser) =>
            AddWithin(key, capacity) is > 0 and var count ? (key, count) : (coarser, AddWithin(coarser, 2 * capacity));

        private int AddWithin(TKey key, int room)
        {
            if (!counts.TryGetValue(key, out var count))
            {
                if (Interlocked.Increment(ref size) > room)
                {
                    // Given back, so keys turned away here do not take the coarser keys' room.
                    Interlocked.Decrement(ref size);
                    return 0;
                }

                count = counts.GetOrAdd(key, _ => new StrongBox<int>());
            }

            return Interlocked.Increment(ref count.Value);
        }
    }
}
