using Integrations.Platform.Data;

namespace Integrations.Automation.Workflows;

/// <summary>One published version of a workflow: its whole JSON <see cref="Definition"/>, as saved. Never changed: a
/// run keeps to the version it started on.</summary>
internal sealed class WorkflowVersion : IWorkspaceScoped
{
    public Guid WorkflowId { get; init; }
    public int Version { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string Definition { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
