namespace Integrations.Platform.Workspaces;

/// <summary>
/// Stops what a deleted workspace has running beyond its rows (API keys trusted from caches, webhooks delivering,
/// schedules firing), so it stops when the owner deletes it rather than when the sweep reaches its rows. Called when the
/// deletion is asked for and again by the removal job before it sweeps, with the caller acting in the workspace: it must
/// be safe to repeat.
/// </summary>
public interface IWorkspaceTeardown
{
    Task StopAsync(Guid workspaceId, CancellationToken ct);
}
