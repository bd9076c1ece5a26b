using Integrations.Testing;

namespace Integrations.Benchmarks;

/// <summary>Instances of the built app as child processes (<see cref="AppProcess"/>) on one database, started together.
/// Disposing stops them as a deployment would, not as a crash: a killed instance may leave a Hangfire lock behind that
/// keeps the next instances from starting.</summary>
internal sealed class AppInstances(IReadOnlyList<AppProcess> processes) : IAsyncDisposable
{
    public static async Task<AppInstances> StartAsync(string connectionString, int count, IReadOnlyDictionary<string, string> settings) =>
        new(await AppProcess.StartLiveAsync(count, connectionString, settings, TimeSpan.FromSeconds(120)));

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
