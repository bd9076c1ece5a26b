using Hangfire;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Platform.Workspaces;

public enum RemovalRequest
{
    Started,
    /// <summary>The typed name is not the workspace's.</summary>
    NameMismatch,
    NotFound,
}

/// <summary>
/// Deletes the caller's workspace: at once it loses its members and invitations and stops what it runs
/// (<see cref="IWorkspaceTeardown"/>); its rows are removed in the background by <see cref="WorkspaceSweep"/>.
/// </summary>
public sealed class WorkspaceRemoval
{
    private readonly IntegrationsDbContext db;
    private readonly Caller caller;
    private readonly IEnumerable<IWorkspaceTeardown> teardowns;
    private readonly IBackgroundJobClient jobs;
    private readonly TimeProvider clock;
    private readonly ILogger<WorkspaceRemoval> log;

    internal WorkspaceRemoval(IntegrationsDbContext db, Caller caller, IEnumerable<IWorkspaceTeardown> teardowns, IBackgroundJobClient jobs,
        TimeProvider clock, ILogger<WorkspaceRemoval> log)
    {
        this.db = db;
        this.caller = caller;
        this.teardowns = teardowns;
        this.jobs = jobs;
        this.clock = clock;
        this.log = log;
    }

    /// <summary>Starts deleting the caller's workspace when <paramref name="typedName"/> is its name, exactly.</summary>
    public async Task<RemovalRequest> RequestAsync(string? typedName, CancellationToken ct)
    {
        var id = caller.WorkspaceId;
        string name;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var workspace = await db.LockedWorkspaceAsync(id, ct);
            if (workspace is not { DeletingSince: null })
            {
                return RemovalRequest.NotFound;
            }

            if (!string.Equals(typedName?.Trim(), workspace.Name, StringComparison.Ordinal))
            {
                return RemovalRequest.NameMismatch;
            }

            name = workspace.Name;
            workspace.DeletingSince = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await db.Set<WorkspaceMember>().Where(m => m.WorkspaceId == id).ExecuteDeleteAsync(ct);
            await db.Set<WorkspaceInvitation>().Where(i => i.WorkspaceId == id).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
        }

        // Its audit trail goes with it, so the deletion is told to the operators' log.
        log.LogWarning("Workspace {WorkspaceId} ({WorkspaceName}) deleted by {ActorName}; its data is being removed",
            id, name, caller.ActorName);
        // Committed: from here the deletion goes on whatever happens to this request. The job first (it stops everything
        // again before it sweeps), then the stops, each on its own, so that one failing leaves the others done.
        jobs.Enqueue<WorkspaceSweep>(sweep => sweep.RunAsync(id, CancellationToken.None));
        foreach (var teardown in teardowns)
        {
            try
            {
                await teardown.StopAsync(id, CancellationToken.None);
            }
            catch (Exception e)
            {
                log.LogError(e, "Stopping {Teardown} of deleted workspace {WorkspaceId} failed; the removal job tries again", teardown.GetType().Name, id);
            }
        }

        return RemovalRequest.Started;
    }
}
