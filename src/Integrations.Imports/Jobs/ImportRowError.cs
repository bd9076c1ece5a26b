using Integrations.Platform.Data;

namespace Integrations.Imports.Jobs;

/// <summary>A row of an import that was not stored: its row number as a person counts (header = 1), why, and its cells.</summary>
internal sealed class ImportRowError : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public Guid JobId { get; init; }
    public int RowNumber { get; init; }
    public required string Message { get; init; }

    /// <summary>JSON array of the row's original cells.</summary>
    public required string Cells { get; init; }
}
