using System.Diagnostics;
using Integrations.Imports.Jobs;
using Npgsql;

namespace Integrations.Benchmarks;

/// <summary>
/// Contact imports by app instances in child processes, run by their Hangfire workers: <see cref="Files"/> warm-up
/// imports, then <see cref="Files"/> measured ones, each into a workspace of its own, all queued by the arranging app
/// before the instances start (Hangfire hands them out first in, first out, so the measured ones run warm). Timed from
/// the first measured job's start to the last one's end, by the jobs' own timestamps.
/// </summary>
internal static class InstanceImports
{
    /// <summary>Twice an instance's four Hangfire workers, so that each of two instances has its fill.</summary>
    public const int Files = 8;

    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(60);

    public static async Task<ImportFigures> RunAsync(BenchApp app, ContactsCsv warmUp, ContactsCsv csv, int count,
        IReadOnlyDictionary<string, string> settings)
    {
        var warmUps = await QueueAsync(app, warmUp);
        var measured = await QueueAsync(app, csv);
        await using var instances = await AppInstances.StartAsync(app.ConnectionString, count, settings);
        await FinishedAsync(app.ConnectionString, [.. warmUps, .. measured], instances);
        var jobs = await ImportedJob.ReadAsync(app.ConnectionString, measured);
        var elapsed = jobs.Max(j => j.FinishedAt) - jobs.Min(j => j.StartedAt);
        return new ImportFigures(count, csv.Rows, elapsed ?? TimeSpan.Zero, jobs, warmUp.Rows, await ImportedJob.ReadAsync(app.ConnectionString, warmUps));
    }

    private static async Task<Guid[]> QueueAsync(BenchApp app, ContactsCsv csv)
    {
        var ids = new Guid[Files];
        for (var i = 0; i < Files; i++)
        {
            var workspace = await BenchConnections.NewWorkspaceAsync(app, $"Import bench {i}");
            ids[i] = (await ImportBenchmark.StartAsync(app, workspace, csv, ImportMode.Upsert)).Id;
        }

        return ids;
    }

    /// <summary>Waits until every job has finished, or none made progress for <see cref="Idle"/>.</summary>
    private static async Task FinishedAsync(string connectionString, Guid[] jobs, AppInstances instances)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE finished_at IS NOT NULL), coalesce(sum(rows_processed), 0) FROM import_jobs WHERE id = ANY(@ids)",
            connection);
        command.Parameters.AddWithValue("ids", jobs);
        var idle = Stopwatch.StartNew();
        long processed = -1;
        while (true)
        {
            instances.ThrowIfExited();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                if (reader.GetInt64(0) == jobs.Length)
                {
                    return;
                }

                if (reader.GetInt64(1) != processed)
                {
                    processed = reader.GetInt64(1);
                    idle.Restart();
                }
            }

            if (idle.Elapsed > Idle)
            {
                throw new TimeoutException($"The imports made no progress for {Idle.TotalSeconds:F0}s ({processed} rows processed).");
            }

            await Task.Delay(100);
        }
    }
}
