using Integrations.Platform.Workspaces;

namespace Integrations.ApiKeys.Keys;

/// <summary>A deleted workspace's keys stop at once, on every instance.</summary>
internal sealed class KeyTeardown(KeyRing keys) : IWorkspaceTeardown
{
    public Task StopAsync(Guid workspaceId, CancellationToken ct) => keys.RevokeAllAsync(workspaceId, ct);
}
