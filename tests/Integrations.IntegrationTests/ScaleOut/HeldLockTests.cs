using System.Diagnostics;
using Integrations.Testing;

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
        await Sql.ExecuteAsync(connectionString, "DELETE FROM hangfire.hash WHERE key = 'recurring-job:' || $1", Job);
        await Sql.ExecuteAsync(connectionString, "DELETE FROM hangfire.set WHERE key = 'recurring-jobs' AND value = $1", Job);
        await Sql.ExecuteAsync(connectionString,
            """
            INSERT INTO hangfire.lock (resource, updatecount, acquired)
            VALUES ('hangfire:lock:recurring-job:' || $1, 0, now() AT TIME ZONE 'utc' - interval '30 seconds')
            """, Job);
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
        return await Sql.ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM hangfire.hash WHERE key = 'recurring-job:' || $1 AND field = 'Cron'", Job);
    }
}
