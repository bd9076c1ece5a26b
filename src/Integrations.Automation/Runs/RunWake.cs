using System.Threading.Channels;

namespace Integrations.Automation.Runs;

/// <summary>The executor's doorbell: any number of rings before it looks count as one.</summary>
internal sealed class RunWake
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
