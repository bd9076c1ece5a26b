using Integrations.Imports.Jobs;
using Npgsql;

namespace Integrations.Benchmarks;

/// <summary>One import job as the database has it after the run: its counters and times, what it stored in its own
/// workspace, and how often a Hangfire worker picked it up (and which server did).</summary>
internal sealed record ImportedJob(string Status, int RowsTotal, int RowsProcessed, int RowsSucceeded, int Runs,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long Contacts, long Events, long Pickups, string? Server)
{
    /// <summary>Every row stored exactly once, by one run of the job.</summary>
    public bool RanOnce(int rows) => Status == nameof(ImportJobStatus.Completed) && RowsTotal == rows && RowsProcessed == rows
        && RowsSucceeded == rows && Runs == 1 && Pickups == 1 && Contacts == rows && Events == rows;

    public override string ToString() =>
        $"{Status}, {RowsProcessed}/{RowsTotal} rows processed, {RowsSucceeded} succeeded, {Runs} runs, picked up {Pickups} times, {Contacts} contacts, {Events} contact.created events";

    public static async Task<List<ImportedJob>> ReadAsync(string connectionString, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT j.status, j.rows_total, j.rows_processed, j.rows_succeeded, j.runs, j.started_at, j.finished_at,
                   (SELECT count(*) FROM contacts c WHERE c.workspace_id = j.workspace_id),
                   (SELECT count(*) FROM events e WHERE e.workspace_id = j.workspace_id AND e.type = 'contact.created'),
                   p.pickups, p.server
            FROM import_jobs j
            CROSS JOIN LATERAL (
                SELECT count(*) AS pickups, min(s.data::jsonb ->> 'ServerId') AS server
                FROM hangfire.state s WHERE s.jobid = j.background_job_id::bigint AND s.name = 'Processing') p
            WHERE j.id = ANY(@ids)
            ORDER BY j.id
            """, connection);
        command.Parameters.AddWithValue("ids", ids);
        await using var reader = await command.ExecuteReaderAsync();
        var jobs = new List<ImportedJob>();
        while (await reader.ReadAsync())
        {
            jobs.Add(new ImportedJob(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return jobs;
    }
}
