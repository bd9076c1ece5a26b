using System.Diagnostics;

namespace Integrations.Benchmarks;

/// <summary>
/// Samples the process's working set and managed heap every 100 ms until disposed. The app and the benchmark share the
/// process, so the figures are the whole process's.
/// </summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public MemorySampler()
    {
        using var process = Process.GetCurrentProcess();
        StartWorkingSet = process.WorkingSet64;
        Sample();
        loop = LoopAsync();
    }

    public long StartWorkingSet { get; }

    public long PeakWorkingSet { get; private set; }

    public long PeakManagedHeap { get; private set; }

    /// <summary>The OS's peak for the process so far (its whole life, warm-up and earlier runs included).</summary>
    public long ProcessPeakWorkingSet { get; private set; }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        PeakWorkingSet = Math.Max(PeakWorkingSet, process.WorkingSet64);
        ProcessPeakWorkingSet = Math.Max(ProcessPeakWorkingSet, process.PeakWorkingSet64);
        PeakManagedHeap = Math.Max(PeakManagedHeap, GC.GetTotalMemory(false));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        Sample();
        stop.Dispose();
    }
}
