using System.Diagnostics;

namespace Integrations.Testing;

/// <summary>
/// The built app as a real child process (<c>dotnet Integrations.Web.dll</c>), so a test can kill it mid-work or run
/// several instances side by side on one database.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the instance listens (a free loopback port).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The CPU time the instance has used so far.</summary>
    public TimeSpan ProcessorTime => process.TotalProcessorTime;

    /// <summary>The last lines the app wrote, for a failure message.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    public static AppProcess Start(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        // The tests run from tests/…/bin/<Configuration>/net10.0: the app was built alongside, same configuration.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var web = Path.Combine(RepositoryRoot.Path, "src", "Integrations.Web");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(web, "bin", configuration, "net10.0", "Integrations.Web.dll")])
        {
            WorkingDirectory = web,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Sentinel"] = connectionString;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Sentinel__DataProtection__AllowUnprotectedKeys"] = "true";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment["Sentinel__Admin__Email"] = SentinelApp.AdminEmail;
        start.Environment["Sentinel__Admin__Password"] = SentinelApp.AdminPassword;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new AppProcess(Process.Start(start)!, baseAddress);
        // Drained so a full pipe never blocks the app; the tail kept for failure messages.
        app.process.OutputDataReceived += (_, line) => app.Keep(line.Data);
        app.process.ErrorDataReceived += (_, line) => app.Keep(line.Data);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Starts <paramref name="count"/> instances side by side and waits until each answers; if one does not, all
    /// are killed.</summary>
    public static async Task<List<AppProcess>> StartLiveAsync(
        int count, string connectionString, IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var instances = Enumerable.Range(0, count).Select(_ => Start(connectionString, settings)).ToList();
        try
        {
            await Task.WhenAll(instances.Select(i => i.WaitUntilLiveAsync(timeout)));
            return instances;
        }
        catch
        {
            instances.ForEach(i => i.Dispose());
            throw;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 40)
        {
            output.TryDequeue(out _);
        }
    }

    public bool HasExited => process.HasExited;

    /// <summary>The process id (Hangfire names its server after it: <c>host:pid:…</c>).</summary>
    public int Id => process.Id;

    /// <summary>Waits until the instance answers <c>/health/live</c> (it has migrated and started listening).</summary>
    public async Task WaitUntilLiveAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("The app exited while starting:\n" + Output);
            }

            try
            {
                using var response = await client.GetAsync("/health/live");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The app did not answer at {BaseAddress} within {timeout}:\n" + Output);
    }

    /// <summary>
    /// As a deployment stops it: SIGTERM, then up to <paramref name="timeout"/> for the host to shut down (in-flight work
    /// written, Hangfire's locks released); killed if it has not exited by then.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var waiting = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(waiting.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <summary>As a crash: no shutdown, nothing flushed, leases left held.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
