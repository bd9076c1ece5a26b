using System.Diagnostics;

namespace Integrations.Benchmarks;

/// <summary>
/// The runtime settings the app starts with that only the environment can carry (src/Integrations.Web/Runtime.props
/// says why): without them the benchmark starts itself again with them, so it measures the runtime the app runs on.
/// </summary>
internal static class AppRuntime
{
    /// <summary>As the Dockerfile and run.sh set it.</summary>
    private static readonly KeyValuePair<string, string> Gen0Size = new("DOTNET_GCgen0size", "0x2000000");

    public static bool IsSet => Environment.GetEnvironmentVariable(Gen0Size.Key) is not null;

    /// <summary>What this process runs with (set by hand to something else, it is measured as given).</summary>
    public static string Described => $"gen0 budget {Environment.GetEnvironmentVariable(Gen0Size.Key)}";

    public static async Task<int> RestartAsync(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            // Started as `dotnet Integrations.Benchmarks.dll`: the first argument is the benchmark's assembly.
            start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[Gen0Size.Key] = Gen0Size.Value;
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
