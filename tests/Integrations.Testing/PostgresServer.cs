using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace Integrations.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test process, started with <c>scripts/postgres.sh</c> in a temporary
/// folder on a free port and stopped when the process exits. <c>SENTINEL_TEST_POSTGRES</c> (a connection string
/// to a server whose user may create databases) points the tests at an existing server instead.
/// </summary>
public static class PostgresServer
{
    private const string FolderPrefix = "sentinel-pg-";

    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "CREATE DATABASE takes no parameters; the name is letters and digits of a test class name and a random suffix.")]
    public static async Task<string> CreateDatabaseAsync(string hint)
    {
        var admin = await Server.Value;
        var name = "t_" + new string(hint.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30).ToArray())
            + "_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("SENTINEL_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        RemoveAbandonedClusters();
        var dir = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        var port = FreePort.Next();
        await RunScriptAsync("start", dir, port.ToString());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunScriptAsync("destroy", dir).GetAwaiter().GetResult();
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30;Command Timeout=120";
    }

    // Fast and disposable: these clusters hold only test data.
    private static Task RunScriptAsync(params string[] args) => RepositoryScript.RunAsync("postgres.sh",
        new Dictionary<string, string> { ["PG_EXTRA_OPTS"] = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" },
        args);

    /// <summary>
    /// Test runners do not always let a process finish its exit handlers; clusters whose server is gone are
    /// deleted by the next run, so /tmp does not fill up.
    /// </summary>
    private static void RemoveAbandonedClusters()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var pidFile = Path.Combine(dir, "postmaster.pid");
            var running = File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)
                && Directory.Exists($"/proc/{pid}");
            // Young folders may belong to a parallel test process still running initdb.
            if (!running && Directory.GetCreationTimeUtc(dir) < DateTime.UtcNow.AddMinutes(-10))
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another user's cluster, or one being created right now: not ours to remove.
                }
            }
        }
    }

}
