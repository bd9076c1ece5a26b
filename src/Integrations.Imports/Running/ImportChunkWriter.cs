using System.Text.Json;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Imports.Jobs;
using Integrations.Imports.Mapping;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Integrations.Imports.Running;

/// <summary>
/// Stores one chunk of rows in one transaction: the good records (through the record pipeline), the bad rows'
/// errors, and the job's counters and progress — so a restarted job neither loses nor repeats a row. Two chunks may
/// be written at once (<see cref="ImportOptions.Writers"/>); they meet only on the workspace's row (its record count)
/// and the job's row, both locked for the last statements before commit.
/// </summary>
internal sealed class ImportChunkWriter(IntegrationsDbContext db, RecordPipeline pipeline, TimeProvider clock, ILogger<ImportChunkWriter> logger)
{
    private const int MaxMessageLength = 2000;

    /// <summary>Deadlocks between the two writers (rows of both chunks waiting on the same keys) are retried this often.</summary>
    private const int MaxAttempts = 4;

    /// <summary>Nothing of the chunk is stored unless <see cref="ChunkWrite.Stored"/>.</summary>
    public async Task<ChunkWrite> WriteAsync(ImportJob job, RecordType type, ImportCommands commands, ImportChunk chunk, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A chunk need not wait for its WAL to reach disk: the job's progress commits in this same transaction, so a
        // crash can only lose whole chunks at the end, and the restarted job imports them again.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", ct);
        var errors = new List<(ImportRow Row, string Message)>();
        var pending = new List<(ImportRow Row, RecordCommand Command)>();
        foreach (var row in chunk.Rows)
        {
            var (command, error) = row.Error is null ? commands.For(row) : (null, row.Error);
            if (command is null)
            {
                errors.Add((row, error!));
            }
            else
            {
                pending.Add((row, command));
            }
        }

        var succeeded = await ApplyAsync(type, commands, pending, errors, ct);
        await InsertErrorsAsync(job, errors, ct);
        // The row lock makes a concurrent cancel (or another run of the job) wait for this chunk, or this chunk see it.
        // NO KEY: the error rows' foreign key holds a key-share lock on this row, in both writers' transactions.
        var state = await db.Set<ImportJob>().FromSql($"SELECT * FROM import_jobs WHERE id = {job.Id} FOR NO KEY UPDATE")
            .IgnoreQueryFilters().AsNoTracking().SingleAsync(ct);
        if (state.Status != ImportJobStatus.Processing)
        {
            return ChunkWrite.Cancelled;
        }

        if (state.Runs != job.Runs)
        {
            return ChunkWrite.Superseded;
        }

        var progress = state.Progress.With(chunk.From, chunk.To);
        await db.Set<ImportJob>().Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.RowsProcessed, j => j.RowsProcessed + chunk.Rows.Count)
            .SetProperty(j => j.RowsSucceeded, j => j.RowsSucceeded + succeeded)
            .SetProperty(j => j.RowsFailed, j => j.RowsFailed + errors.Count)
            .SetProperty(j => j.NextRow, progress.NextRow)
            .SetProperty(j => j.StoredAhead, progress.Ahead), ct);
        await transaction.CommitAsync(ct);
        return ChunkWrite.Stored;
    }

    /// <summary>Runs the pipeline inside a savepoint; when it stores nothing (every row bad, the plan limit, or a
    /// database error that aborted the transaction) the savepoint is rolled back so the chunk's errors still commit.</summary>
    private async Task<int> ApplyAsync(RecordType type, ImportCommands commands, List<(ImportRow Row, RecordCommand Command)> pending,
        List<(ImportRow Row, string Message)> errors, CancellationToken ct)
    {
        if (pending.Count == 0)
        {
            return 0;
        }

        var transaction = db.Database.CurrentTransaction!;
        var batch = pending.Select(p => p.Command).ToList();
        await transaction.CreateSavepointAsync("chunk", ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await pipeline.ApplyAsync(type, batch, commands.Options, ct);
                if (result.Raced && attempt < MaxAttempts)
                {
                    // Another writer stored one of these keys after our locking read: once more, from the savepoint,
                    // and the read finds it (an upsert updates it, a create reports the duplicate on its row).
                    await transaction.RollbackToSavepointAsync("chunk", ct);
                    continue;
                }

                if (!result.Outcomes.Any(o => o.Change is not null))
                {
                    await transaction.RollbackToSavepointAsync("chunk", ct);
                }

                errors.AddRange(result.Outcomes.Where(o => !o.Succeeded)
                    .Select(o => (pending[o.Index].Row, string.Join(" ", o.Errors.Select(e => e.Message)))));
                return result.Outcomes.Count(o => o.Succeeded);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < MaxAttempts)
            {
                // The other writer's chunk holds a key this one waits for, and the other way round: Postgres stopped
                // this one; the other commits, and from the savepoint this one sees what it stored.
                logger.LogInformation("Import chunk of {Rows} rows deadlocked with another writer; attempt {Attempt}", pending.Count, attempt + 1);
                await transaction.RollbackToSavepointAsync("chunk", ct);
            }
            catch (PostgresException e)
            {
                logger.LogWarning("Import chunk of {Rows} rows not stored: database error {SqlState}", pending.Count, e.SqlState);
                await transaction.RollbackToSavepointAsync("chunk", ct);
                errors.AddRange(pending.Select(p => (p.Row, $"This row could not be stored (database error {e.SqlState}); import it again.")));
                return 0;
            }
        }
    }

    private async Task InsertErrorsAsync(ImportJob job, List<(ImportRow Row, string Message)> errors, CancellationToken ct)
    {
        if (errors.Count == 0)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO import_row_errors (id, workspace_id, job_id, row_number, message, cells)
            SELECT u.id, @ws, @job, u.row_number, u.message, u.cells::jsonb
            FROM unnest(@ids, @rows, @messages, @cells) AS u(id, row_number, message, cells)
            """,
            [
                new NpgsqlParameter("ws", job.WorkspaceId),
                new NpgsqlParameter("job", job.Id),
                new NpgsqlParameter("ids", PublicId.NewIds(clock, errors.Count)),
                new NpgsqlParameter("rows", errors.Select(e => e.Row.RowNumber).ToArray()),
                new NpgsqlParameter("messages", errors.Select(e => Truncate(e.Message)).ToArray()),
                new NpgsqlParameter("cells", errors.Select(e => JsonSerializer.Serialize(e.Row.Cells)).ToArray()),
            ],
            ct);
    }

    private static string Truncate(string message) => message.Length <= MaxMessageLength ? message : message[..MaxMessageLength];
}
