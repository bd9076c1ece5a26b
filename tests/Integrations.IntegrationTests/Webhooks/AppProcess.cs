using System.Diagnostics;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>The built app as a real child process (<c>dotnet Integrations.Web.dll</c>), so a test can kill it mid-work.</summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    private AppProcess(Process process) => this.process = process;

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
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Sentinel__DataProtection__AllowUnprotectedKeys"] = "true";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        start.Environment["Sentinel__Admin__Email"] = SentinelApp.AdminEmail;
        start.Environment["Sentinel__Admin__Password"] = SentinelApp.AdminPassword;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new AppProcess(Process.Start(start)!);
        // Drained so a full pipe never blocks the app; the tail kept for failure messages.
        app.process.OutputDataReceived += (_, line) => app.Keep(line.Data);
        app.process.ErrorDataReceived += (_, line) => app.Keep(line.Data);
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        return app;
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
