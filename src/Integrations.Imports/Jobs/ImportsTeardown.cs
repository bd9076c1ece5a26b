using Integrations.Platform.Data;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Integrations.Imports.Jobs;

/// <summary>A deleted workspace's imports: queued and running ones are cancelled at once (a running job stops at its next
/// chunk, which sees the status under the job's row lock); their uploaded files are deleted before the rows go.</summary>
internal sealed class ImportsTeardown(IntegrationsDbContext db, TimeProvider clock, IOptions<ImportOptions> options) : IWorkspaceTeardown
{
    public Task StopAsync(Guid workspaceId, CancellationToken ct) =>
        db.Set<ImportJob>().IgnoreQueryFilters()
            .Where(j => j.WorkspaceId == workspaceId && (j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Processing))
            .ExecuteUpdateAsync(j => j.SetProperty(x => x.Status, ImportJobStatus.Cancelled).SetProperty(x => x.FinishedAt, clock.GetUtcNow())
                .SetProperty(x => x.ErrorMessage, "The workspace was deleted."), ct);

    public async Task ReleaseAsync(Guid workspaceId, CancellationToken ct)
    {
        var files = await db.Set<ImportJob>().IgnoreQueryFilters().Where(j => j.WorkspaceId == workspaceId)
            .Select(j => new { j.Id, j.FileName }).ToListAsync(ct);
        foreach (var file in files)
        {
            ImportUploads.Delete(ImportUploads.PathFor(options, file.Id, file.FileName));
        }
    }
}
