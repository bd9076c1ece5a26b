using Npgsql;

namespace Integrations.Automation.Runs;

/// <summary>
/// Leases due runs (running or waiting, due, and not leased or with an expired lease), skipping rows another executor
/// holds (SKIP LOCKED). The lease commits with the claim, before any step runs: a crash leaves it to expire.
/// </summary>
internal sealed class RunClaim(TimeProvider clock)
{
    private const string Sql =
        """
        WITH due AS (
            SELECT id FROM workflow_runs
            WHERE status IN ('running', 'waiting') AND due_at <= @now AND (lease_until IS NULL OR lease_until < @now)
            ORDER BY due_at
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
        )
        UPDATE workflow_runs r SET lease_until = @lease_until, status = 'running'
        FROM due WHERE r.id = due.id
        RETURNING r.id
        """;

    public async Task<List<Guid>> ClaimAsync(NpgsqlConnection connection, int batch, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("lease_until", now + lease);
        command.Parameters.AddWithValue("batch", batch);
        var claimed = new List<Guid>(batch);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(reader.GetGuid(0));
        }

        return claimed;
    }
}
