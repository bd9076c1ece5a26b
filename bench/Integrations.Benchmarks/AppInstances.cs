using Integrations.Testing;

namespace Integrations.Benchmarks;

/// <summary>Instances of the built app as child processes (<see cref="AppProcess"/>) on one database, started together.
/// Disposing kills them: the benchmark stops them only once their work is done and stored.</summary>
internal sealed class AppInstances(IReadOnlyList<AppProcess> processes) : IDisposable
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
            instances.Dispose();
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

    public void Dispose()
    {
        foreach (var process in processes)
        {
            process.Dispose();
        }
    }
}
