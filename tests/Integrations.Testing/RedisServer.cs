namespace Integrations.Testing;

/// <summary>
/// One throwaway Redis server per test process for the tests of shared limits, started with <c>scripts/redis.sh</c> on a
/// free port and stopped when the process exits. <c>SENTINEL_TEST_REDIS</c> (host:port) points the tests at an existing
/// server instead. Each test names its own keys (a new workspace, key or workflow id), so tests share the server.
/// </summary>
public static class RedisServer
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    /// <summary>The server's StackExchange.Redis connection string (host:port).</summary>
    public static Task<string> ConnectionStringAsync() => Server.Value;

    /// <summary>A loopback port nothing listens on: a configured Redis that is down.</summary>
    public static string Unreachable() => $"127.0.0.1:{FreePort.Next()}";

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("SENTINEL_TEST_REDIS");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var dir = Directory.CreateTempSubdirectory("sentinel-redis-").FullName;
        var port = FreePort.Next();
        await RunScriptAsync("start", dir, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunScriptAsync("destroy", dir).GetAwaiter().GetResult();
        return $"127.0.0.1:{port}";
    }

    private static Task RunScriptAsync(params string[] args) => RepositoryScript.RunAsync("redis.sh", new Dictionary<string, string>(), args);
}
