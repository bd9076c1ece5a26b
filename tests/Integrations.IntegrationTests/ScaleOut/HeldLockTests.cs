using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Integrations.Testing;
using Npgsql;

namespace Integrations.IntegrationTests.ScaleOut;

/// <summary>
/// An instance killed while it registered its recurring jobs leaves Hangfire's lock of one held (until Hangfire's lock
/// timeout, a minute). The next instance starts all the same, and registers the job once the lock is given up.
/// </summary>
public sealed class HeldLockTests
{
    private const string Job = "imports-queued-sweep";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NextInstance_Starts_AndRegistersTheJobLater_WhenADeadInstanceHoldsItsLock()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync(nameof(HeldLockTests));
        await using (var first = new ArrangingApp(connectionString))
        {
            await first.InitializeAsync();
        }

        // As the dead instance left it: the job not registered yet, and its lock taken 30 s ago, so Hangfire gives it up
        // 30 s from now, after the 15 s that registering waits for it.
        await ExecuteAsync(connectionString,
            $"""
            DELETE FROM hangfire.hash WHERE key = 'recurring-job:{Job}';
            DELETE FROM hangfire.set WHERE key = 'recurring-jobs' AND value = '{Job}';
            INSERT INTO hangfire.lock (resource, updatecount, acquired)
            VALUES ('hangfire:lock:recurring-job:{Job}', 0, now() AT TIME ZONE 'utc' - interval '30 seconds');
            """);
        var clock = Stopwatch.StartNew();
        await using var next = new ArrangingApp(connectionString);

        await next.InitializeAsync();
        var started = clock.Elapsed;
        Assert.Equal(0, await RegisteredAsync(connectionString));
        await Poll.UntilAsync(() => RegisteredAsync(connectionString), n => n == 1, TimeSpan.FromSeconds(60), _ => $"{Job} was never registered.");

        TestContext.Current.TestOutputHelper?.WriteLine($"Started after {started.TotalSeconds:N1} s; {Job} registered after {clock.Elapsed.TotalSeconds:N1} s.");
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(25), "Registered while the lock was held: the test arranged nothing.");
    }

    private static async Task<long> RegisteredAsync(string connectionString)
    {
        await Task.Delay(250, Ct);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM hangfire.hash WHERE key = 'recurring-job:{Job}' AND field = 'Cron'", connection);
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The test's own statements, about a constant job id.")]
    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
