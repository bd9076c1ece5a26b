using System.Text.Json;
using Integrations.Imports.Jobs;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Integrations.Imports.Running;

/// <summary>Ends a running import in one transaction — status, audit entry and <c>import.*</c> event together — and
/// then deletes its upload. A job cancelled meanwhile is left as it is.</summary>
internal sealed class ImportJobEnding(IntegrationsDbContext db, AuditTrail audit, EventLog events, TimeProvider clock, IOptions<ImportOptions> options)
{
    public Task CompleteAsync(ImportJob job, CancellationToken ct) => EndAsync(job,
        job.RowsFailed > 0 ? ImportJobStatus.CompletedWithErrors : ImportJobStatus.Completed, null, EventCatalog.ImportCompleted,
        new Dictionary<string, object>
        {
            ["import_id"] = PublicId.Format(IdPrefixes.Import, job.Id), ["object"] = job.ObjectType,
            ["rows"] = job.RowsProcessed, ["succeeded"] = job.RowsSucceeded, ["failed"] = job.RowsFailed,
        }, ct);

    public Task FailAsync(ImportJob job, string error, CancellationToken ct) => EndAsync(job, ImportJobStatus.Failed, error, EventCatalog.ImportFailed,
        new Dictionary<string, object>
        {
            ["import_id"] = PublicId.Format(IdPrefixes.Import, job.Id), ["object"] = job.ObjectType, ["error"] = error,
        }, ct);

    /// <remarks>The event's type is the audit entry's action too.</remarks>
    private async Task EndAsync(ImportJob job, ImportJobStatus status, string? error, EventType type, Dictionary<string, object> data,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ended = await db.Set<ImportJob>().IgnoreQueryFilters()
            .Where(j => j.Id == job.Id && j.Status == ImportJobStatus.Processing)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, status).SetProperty(j => j.ErrorMessage, error)
                .SetProperty(j => j.FinishedAt, clock.GetUtcNow()), ct);
        if (ended == 0)
        {
            return;
        }

        var json = JsonSerializer.Serialize(data);
        await audit.AppendAsync([new AuditRecord(type.Name, "import", PublicId.Format(IdPrefixes.Import, job.Id), json)], ct);
        await events.AppendAsync([new EventRecord(type, json)], ct);
        await transaction.CommitAsync(ct);
        job.Status = status;
        ImportUploads.Delete(ImportUploads.PathFor(options, job.Id, job.FileName));
    }
}
