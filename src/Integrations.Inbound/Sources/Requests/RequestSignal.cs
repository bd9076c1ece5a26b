namespace Integrations.Inbound.Sources.Requests;

/// <summary>Tells this instance's workers that a request is waiting; many pulls before they look count once each.</summary>
internal sealed class RequestSignal
{
    private readonly SemaphoreSlim waiting = new(0);

    public void Pull() => waiting.Release();

    /// <summary>Returns true when pulled, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => waiting.WaitAsync(timeout, ct);
}
