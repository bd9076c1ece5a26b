using System.Globalization;
using System.Text.Json;
using Integrations.Crm.Schema;
using Integrations.Imports.Errors;
using Integrations.Imports.Running;
using Integrations.Platform.Api;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Imports.Jobs;

/// <summary>
/// The facade over import jobs for the API and the admin pages: start one from an upload (refusing a broken or
/// too large file before anything is stored), list, read, cancel, and download the rows that were not stored.
/// </summary>
public sealed class ImportJobs
{
    private readonly IntegrationsDbContext db;
    private readonly Caller caller;
    private readonly AuditTrail audit;
    private readonly WorkspaceDirectory workspaces;
    private readonly ImportQueue queue;
    private readonly TimeProvider clock;
    private readonly IOptions<ImportOptions> options;
    private readonly ILogger<ImportJobs> logger;

    internal ImportJobs(IntegrationsDbContext db, Caller caller, AuditTrail audit, WorkspaceDirectory workspaces,
        ImportQueue queue, TimeProvider clock, IOptions<ImportOptions> options, ILogger<ImportJobs> logger)
    {
        this.db = db;
        this.caller = caller;
        this.audit = audit;
        this.workspaces = workspaces;
        this.queue = queue;
        this.clock = clock;
        this.options = options;
        this.logger = logger;
    }

    /// <summary>Saves the upload, checks the whole file and the plan's row limit, then queues the import.</summary>
    public async Task<ImportStart> StartAsync(Stream file, string fileName, RecordType type, ImportMode mode, CancellationToken ct)
    {
        fileName = UploadName.Clean(fileName);
        var id = PublicId.NewId(clock);
        var path = ImportUploads.PathFor(options, id, fileName);
        ImportJob job;
        try
        {
            await ImportUploads.SaveAsync(file, path, ct);
            var check = ImportFile.Check(File.OpenRead(path), type, ct);
            var refusal = check.Problem?.Message ?? await LimitRefusalAsync(check.DataRows, type, mode, ct);
            if (refusal is not null)
            {
                ImportUploads.Delete(path);
                logger.LogInformation("Import of {ObjectType} refused: {Reason}", type.Name, refusal);
                return new ImportStart(null, refusal);
            }

            job = NewJob(id, fileName, type, mode, check);
            db.Add(job);
            audit.Add("import.started", "import", PublicId.Format(IdPrefixes.Import, id),
                new { file_name = fileName, @object = type.Name, rows = job.RowsTotal });
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            ImportUploads.Delete(path);
            throw;
        }

        // Saved: from here the upload belongs to the job, even if Hangfire cannot take it right now.
        await queue.EnqueueAsync(id, ct);
        logger.LogInformation("Import {ImportId} of {Rows} {ObjectType} rows queued", id, job.RowsTotal, type.Name);
        return new ImportStart(ImportJobView.From(job), null);
    }

    public async Task<Page<ImportJobView>> ListAsync(PageRequest page, CancellationToken ct)
    {
        var query = db.Set<ImportJob>().AsNoTracking();
        if (page.Cursor is { } before)
        {
            query = query.Where(j => j.Id < before);
        }

        var rows = await query.OrderByDescending(j => j.Id).Take(page.Limit + 1).ToListAsync(ct);
        return page.ToPage(rows.Select(ImportJobView.From).ToList(), v => v.Id);
    }

    public async Task<ImportJobView?> GetAsync(string id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } job ? ImportJobView.From(job) : null;

    /// <summary>Cancels a queued or running import (the runner stops before its next chunk; stored rows stay).
    /// Returns the import as it now stands, or null when there is none with that id.</summary>
    public async Task<ImportJobView?> CancelAsync(string id, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Import, id, out var jobId))
        {
            return null;
        }

        var cancelled = await db.Set<ImportJob>()
            .Where(j => j.Id == jobId && (j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Processing))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Cancelled).SetProperty(j => j.FinishedAt, clock.GetUtcNow()), ct);
        if (cancelled == 1)
        {
            await audit.AppendAsync("import.cancelled", "import", id, null, ct);
            logger.LogInformation("Import {ImportId} cancelled", jobId);
            // The error file is built from the database; a runner still reading the upload stops at its next chunk.
            if (await FindAsync(id, ct) is { } job)
            {
                ImportUploads.Delete(ImportUploads.PathFor(options, job.Id, job.FileName));
            }
        }

        return await GetAsync(id, ct);
    }

    /// <summary>Writes the error file (<c>row_number,error_message</c> and the file's columns); false when there is no such import.</summary>
    public async Task<bool> WriteErrorsAsync(string id, Stream output, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } job)
        {
            return false;
        }

        // CsvHelper writes synchronously; a temporary file keeps memory flat and the response stream async.
        await using var buffer = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81_920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var writer = new SafeCsvWriter(buffer, job.Headers, leaveOpen: true))
        {
            writer.WriteHeader();
            var errors = db.Set<ImportRowError>().AsNoTracking().Where(e => e.JobId == job.Id).OrderBy(e => e.RowNumber).AsAsyncEnumerable();
            await foreach (var error in errors.WithCancellation(ct))
            {
                writer.WriteRow(error.RowNumber, error.Message, JsonSerializer.Deserialize<string[]>(error.Cells) ?? []);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
        return true;
    }

    private async Task<ImportJob?> FindAsync(string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Import, id, out var jobId)
            ? await db.Set<ImportJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct)
            : null;

    /// <summary>The plan's limits a file can be held to before anything is stored: rows per import, and, when every
    /// row would create a record, the workspace's record limit (an upsert's new records are known only as it runs).</summary>
    private async Task<string?> LimitRefusalAsync(long rows, RecordType type, ImportMode mode, CancellationToken ct)
    {
        var workspace = await workspaces.FindAsync(caller.WorkspaceId, ct)
            ?? throw new InvalidOperationException("Imports need a caller with a workspace.");
        var limits = workspaces.LimitsFor(workspace.Plan);
        if (rows > limits.ImportRows)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"This file has {rows:N0} rows; the {workspace.Plan} plan imports at most {limits.ImportRows:N0} at a time.");
        }

        var room = Math.Max(0, limits.MaxRecords - workspace.RecordCount);
        return mode == ImportMode.CreateOnly && rows > room
            ? string.Create(CultureInfo.InvariantCulture,
                $"This file has {rows:N0} rows, each of which would create a {type.Label.ToLowerInvariant()}, but the {workspace.Plan} plan "
                + $"allows {limits.MaxRecords:N0} records per workspace and this one has {workspace.RecordCount:N0}, so there is room "
                + $"for {room:N0}. Remove rows from the file, delete records, or move to a larger plan.")
            : null;
    }

    private ImportJob NewJob(Guid id, string fileName, RecordType type, ImportMode mode, ImportCheck check) => new()
    {
        Id = id,
        WorkspaceId = caller.WorkspaceId,
        FileName = fileName,
        ObjectType = type.Name,
        Mode = mode,
        Status = ImportJobStatus.Queued,
        RowsTotal = (int)check.DataRows,
        Headers = check.Columns!.OwnColumns.Select(c => c.Header).ToList(),
        // Create only keeps another system's ids as the custom field "id" (ours are refused per row); upsert matches by them.
        CustomFieldColumns = check.Columns.CustomColumns
            .Concat(mode == ImportMode.CreateOnly && check.Columns.IdColumn is { } idColumn ? [idColumn] : [])
            .OrderBy(c => c.Index).Select(c => c.Header).ToList(),
        StartedByType = caller.ActorType,
        StartedById = caller.ActorId,
        StartedByName = caller.ActorName,
        CreatedAt = clock.GetUtcNow(),
    };
}
