using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Platform.Workspaces;

/// <summary>The workspace's row, locked for the caller's transaction: the record pipeline's reservation takes the same
/// lock, so a check made under it holds until commit.</summary>
internal static class WorkspaceLock
{
    public static Task<Workspace?> LockedWorkspaceAsync(this IntegrationsDbContext db, Guid id, CancellationToken ct) =>
        db.Set<Workspace>().FromSql($"SELECT * FROM workspaces WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct);
}
