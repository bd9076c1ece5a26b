using System.Threading.Channels;
using Hangfire;
using Integrations.Crm.Schema;
using Integrations.Imports.Mapping;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Imports.Jobs;

/// <summary>
/// Imports a queued file in chunks (Hangfire job). Idempotent: a finished job is left alone, and a restarted one
/// (crash, retry) skips the rows its committed chunks already stored. Cancellation is seen before each chunk.
/// </summary>
internal sealed class ImportJobRunner(
    IntegrationsDbContext db,
    Caller caller,
    ImportChunkWriter chunks,
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
            return;
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
            await ending.FailAsync(job, $"The import stopped unexpectedly; rows before row {job.NextRow} were imported.", ct);
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

        using var reading = ImportFile.Open(File.OpenRead(path), job.FileName, type);
        if (reading.Columns is null)
        {
            await ending.FailAsync(job, reading.Problem!.Message, ct);
            return;
        }

        var commands = new ImportCommands(type, job.Mode, reading.Columns);
        // The next chunk is read and mapped on another core while this one is stored: one chunk ahead, no more.
        var ready = Channel.CreateBounded<List<ImportRow>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reader = Task.Run(() => ReadChunksAsync(reading, job.NextRow, options.Value.ChunkSize, ready.Writer, stopReading.Token), ct);
        try
        {
            await foreach (var chunk in ready.Reader.ReadAllAsync(ct))
            {
                if (await chunks.WriteAsync(job, type, commands, chunk, ct) is not ChunkWrite.Stored and var stopped)
                {
                    await StopReadingAsync(stopReading, reader);
                    Stop(stopped, reading, path);
                    return;
                }
            }

            await reader;
        }
        finally
        {
            await StopReadingAsync(stopReading, reader);
        }

        if (reading.Problem is { } problem)
            await ending.FailAsync(job, problem.Message, ct);
        else
            await ending.CompleteAsync(job, ct);
    }

    /// <summary>Reads the rows from <paramref name="from"/> on into chunks. A file that turns out bad deep inside
    /// (<see cref="ImportReading.Problem"/>) keeps its last partial chunk back: the job fails with the rows before it stored.</summary>
    private static async Task ReadChunksAsync(ImportReading reading, int from, int size, ChannelWriter<List<ImportRow>> ready, CancellationToken ct)
    {
        try
        {
            // Waiting for room before filling a chunk keeps memory to the chunk being stored and the one being read.
            await ready.WaitToWriteAsync(ct);
            var chunk = new List<ImportRow>(size);
            foreach (var row in reading.Rows())
            {
                if (row.RowNumber < from)
                    continue;
                chunk.Add(row);
                if (chunk.Count < size)
                    continue;
                await ready.WriteAsync(chunk, ct);
                await ready.WaitToWriteAsync(ct);
                chunk = new List<ImportRow>(size);
            }

            if (chunk.Count > 0 && reading.Problem is null)
                await ready.WriteAsync(chunk, ct);
            ready.Complete();
        }
        catch (Exception ex)
        {
            ready.Complete(ex);
        }
    }

    private static async Task StopReadingAsync(CancellationTokenSource stop, Task reader)
    {
        await stop.CancelAsync();
        try
        {
            await reader;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }
    }

    /// <summary>A cancelled job's upload goes (its error file comes from the database); another run still reads it.</summary>
    private static void Stop(ChunkWrite stopped, ImportReading reading, string path)
    {
        reading.Dispose();
        if (stopped == ChunkWrite.Cancelled)
            ImportUploads.Delete(path);
    }
}
