using Integrations.Testing;

namespace Integrations.Benchmarks;

/// <summary>Instances of the built app as child processes (<see cref="AppProcess"/>) on one database, started together.
/// Disposing stops them as a deployment would, not as a crash: a killed instance may leave a Hangfire lock behind that
/// keeps the next instances from starting.</summary>
internal sealed class AppInstances(IReadOnlyList<AppProcess> processes) : IAsyncDisposable
{
    public int Count => processes.Count;

    public static async Task<AppInstances> StartAsync(string connectionString, int count, IReadOnlyDictionary<string, string> settings)
    {
        var processes = Enumerable.Range(0, count).Select(_ => AppProcess.Start(connectionString, settings)).ToList();
        var instances = new AppInstances(processes);
        try
        {
            await Task.WhenAll(processes.Select(p => p.WaitUntilLiveAsync(TimeSpan.FromSeconds(120))));
        }
        catch
        {
            await instances.DisposeAsync();
            throw;
        }

        return instances;
    }

    /// <summary>Each instance's CPU time so far.</summary>
    public TimeSpan[] ProcessorTimes()
    {
        ThrowIfExited();
        return processes.Select(p => p.ProcessorTime).ToArray();
    }

    public void ThrowIfExited()
    {
        if (processes.FirstOrDefault(p => p.HasExited) is { } exited)
        {
            throw new InvalidOperationException("An instance exited:\n" + exited.Output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(processes.Select(p => p.StopAsync(TimeSpan.FromSeconds(30))));
        foreach (var process in processes)
        {
            process.Dispose();
        }
    }
}
