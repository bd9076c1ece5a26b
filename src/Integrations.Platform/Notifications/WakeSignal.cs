using System.Threading.Channels;

namespace Integrations.Platform.Notifications;

/// <summary>A doorbell for a worker loop (the webhook dispatcher, the workflow executor): any number of rings before it
/// looks count as one.</summary>
public sealed class WakeSignal
{
    private readonly Channel<bool> rings = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Ring() => rings.Writer.TryWrite(true);

    /// <summary>Returns when rung, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await rings.Reader.WaitToReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The polling interval passed without a ring.
        }

        rings.Reader.TryRead(out _);
    }
}
