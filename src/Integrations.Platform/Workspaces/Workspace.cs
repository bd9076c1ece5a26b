namespace Integrations.Platform.Workspaces;

/// <summary>A tenant. <see cref="RecordCount"/> is kept by the record pipeline in the transaction of each change.</summary>
public sealed class Workspace
{
    public Guid Id { get; init; }
    public required string Name { get; set; }
    public Plan Plan { get; set; }
    public long RecordCount { get; set; }

    /// <summary>Set when an owner deleted the workspace: it has no members from then on, and its rows are being removed.</summary>
    public DateTimeOffset? DeletingSince { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
