namespace Integrations.Platform.Workspaces;

/// <summary>
/// Stops what a deleted workspace has running beyond its rows (API keys trusted from caches, webhooks delivering,
/// schedules firing, apps syncing), so it stops when the owner deletes it rather than when the sweep reaches its rows.
/// The caller acts in the workspace; both steps may run again after a crash, so both must be safe to repeat.
/// </summary>
public interface IWorkspaceTeardown
{
    /// <summary>At once, in the owner's request (and again in the removal job): local and quick.</summary>
    Task StopAsync(Guid workspaceId, CancellationToken ct);

    /// <summary>In the removal job, before its rows go: what takes calls to other systems, such as revoking an app's grant
    /// at its provider. Failures are the implementation's to log; the rows are removed anyway.</summary>
    Task ReleaseAsync(Guid workspaceId, CancellationToken ct) => Task.CompletedTask;
}
