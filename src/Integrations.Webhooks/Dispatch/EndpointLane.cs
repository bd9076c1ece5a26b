namespace Integrations.Webhooks.Dispatch;

/// <summary>One endpoint's share of a dispatcher: POSTs running (bounded by <see cref="Slots"/>) and waiting for a slot.</summary>
internal sealed class EndpointLane(int concurrency)
{
    private int outstanding;

    public SemaphoreSlim Slots { get; } = new(concurrency, concurrency);

    /// <summary>Claimed and not finished: running or waiting for a slot.</summary>
    public int Outstanding => Volatile.Read(ref outstanding);

    public void Enter() => Interlocked.Increment(ref outstanding);

    public int Leave() => Interlocked.Decrement(ref outstanding);
}
