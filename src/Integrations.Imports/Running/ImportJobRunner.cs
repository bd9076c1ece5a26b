using Hangfire;
using Integrations.Crm.Schema;
using Integrations.Imports.Jobs;
using Integrations.Imports.Mapping;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Imports.Running;

/// <summary>
/// Imports a queued file in chunks (Hangfire job), written by <see cref="ChunkLanes"/>. Idempotent: a finished job is
/// left alone, and a restarted one (crash, retry) skips the rows its committed chunks already stored. Cancellation is
/// seen by each chunk before it commits.
/// </summary>
internal sealed class ImportJobRunner(
    IntegrationsDbContext db,
    Caller caller,
    IServiceScopeFactory scopes,
    ImportJobEnding ending,
    TimeProvider clock,
    IOptions<ImportOptions> options,
    ILogger<ImportJobRunner> logger)
{
    /// <summary>The first run and the three automatic retries; the last one marks the job failed instead of throwing.</summary>
    internal const int MaxRuns = 4;

    [AutomaticRetry(Attempts = MaxRuns - 1)]
    public async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var picked = await db.Set<ImportJob>().IgnoreQueryFilters()
            .Where(j => j.Id == jobId && (j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Processing))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Processing)
                .SetProperty(j => j.StartedAt, j => j.StartedAt ?? now).SetProperty(j => j.Runs, j => j.Runs + 1), ct);
        if (picked == 0)
        {
            return;
        }

        var job = await db.Set<ImportJob>().IgnoreQueryFilters().AsNoTracking().SingleAsync(j => j.Id == jobId, ct);
        caller.Act(job.WorkspaceId, job.StartedByType, job.StartedById, job.StartedByName, ChangeSource.Import);
        logger.LogInformation("Import {ImportId} running from row {NextRow} (run {Run})", jobId, job.NextRow, job.Runs);
        try
        {
            await ImportAsync(job, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && job.Runs >= MaxRuns)
        {
            logger.LogError(ex, "Import {ImportId} failed after {Runs} runs", jobId, job.Runs);
            db.ChangeTracker.Clear();
            // The chunks moved the resume point in their own scopes.
            var stored = await db.Set<ImportJob>().IgnoreQueryFilters().AsNoTracking().SingleAsync(j => j.Id == jobId, ct);
            await ending.FailAsync(job,
                $"The import stopped unexpectedly after processing {stored.Progress.Describe()} (see the counts and the error file).", ct);
        }
    }

    private async Task ImportAsync(ImportJob job, CancellationToken ct)
    {
        var type = RecordTypes.Get(job.ObjectType);
        var path = ImportUploads.PathFor(options, job.Id, job.FileName);
        if (!File.Exists(path))
        {
            await ending.FailAsync(job, "The uploaded file is no longer available; upload it again.", ct);
            return;
        }

        using var reading = ImportFile.Open(File.OpenRead(path), type, ct);
        if (reading.Columns is null)
        {
            await ending.FailAsync(job, reading.Problem!.Message, ct);
            return;
        }

        var commands = new ImportCommands(type, job.Mode, reading.Columns);
        var stopped = ChunkWrite.Stored;
        await using (var lanes = new ChunkLanes(scopes, job, type, commands, options.Value.Writers))
        {
            var size = options.Value.ChunkSize;
            var progress = job.Progress;
            var (from, chunk, keys) = (job.NextRow, new List<ImportRow>(size), ImportCommands.NewKeys(size));
            foreach (var row in reading.Rows().Where(r => r.RowNumber >= job.NextRow))
            {
                if (progress.StoredAhead(row.RowNumber) is { } stored)
                {
                    // Stored by an earlier run; the rows before it become a chunk of their own. Inside the range nothing
                    // is gathered, so the (empty) chunk is kept.
                    if (from < stored.From && (stopped = await StartChunkAsync(stored.From)) != ChunkWrite.Stored)
                    {
                        break;
                    }

                    from = stored.To;
                    continue;
                }

                if (!commands.TryAddKeys(row, keys))
                {
                    // A second row about a record of this chunk: it starts the next chunk, which is written after this one.
                    if ((stopped = await StartChunkAsync(row.RowNumber)) != ChunkWrite.Stored)
                    {
                        break;
                    }

                    commands.TryAddKeys(row, keys);
                }

                chunk.Add(row);
                if (chunk.Count == size && (stopped = await StartChunkAsync(row.RowNumber + 1)) != ChunkWrite.Stored)
                {
                    break;
                }
            }

            if (stopped == ChunkWrite.Stored && reading.Problem is null && chunk.Count > 0)
            {
                stopped = await StartChunkAsync(chunk[^1].RowNumber + 1);
            }

            var finished = await lanes.FinishAsync();
            stopped = stopped == ChunkWrite.Stored ? finished : stopped;

            // Hands the rows gathered for [from, to) to a lane, and gathers the next chunk from there.
            async Task<ChunkWrite> StartChunkAsync(int to)
            {
                var write = await lanes.StartAsync(new ImportChunk(from, to, chunk), keys, ct);
                (from, chunk, keys) = (to, new List<ImportRow>(size), ImportCommands.NewKeys(size));
                return write;
            }
        }

        if (stopped != ChunkWrite.Stored)
        {
            Stop(stopped, reading, path);
            return;
        }

        // The chunks counted themselves in the database, each in its own scope.
        var counted = await db.Set<ImportJob>().IgnoreQueryFilters().AsNoTracking().SingleAsync(j => j.Id == job.Id, ct);
        if (reading.Problem is { } problem)
        {
            await ending.FailAsync(counted, problem.Message, ct);
        }
        else
        {
            await ending.CompleteAsync(counted, ct);
        }
    }

    /// <summary>A cancelled job's upload goes (its error file comes from the database); another run still reads it.</summary>
    private static void Stop(ChunkWrite stopped, ImportReading reading, string path)
    {
        reading.Dispose();
        if (stopped == ChunkWrite.Cancelled)
        {
            ImportUploads.Delete(path);
        }
    }
}
