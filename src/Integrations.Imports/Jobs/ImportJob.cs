using Integrations.Imports.Running;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;

namespace Integrations.Imports.Jobs;

/// <summary>One uploaded file being imported in chunks. <see cref="NextRow"/> is the file row (header = 1) to resume
/// from: every row before it is committed, counted and, when bad, listed in <c>import_row_errors</c>; so is every row of
/// the chunks in <see cref="StoredAhead"/> (see <see cref="ImportProgress"/>).</summary>
internal sealed class ImportJob : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string FileName { get; init; }
    public required string ObjectType { get; init; }
    public ImportMode Mode { get; init; }
    public ImportJobStatus Status { get; set; }
    public int RowsTotal { get; init; }
    public int RowsProcessed { get; set; }
    public int RowsSucceeded { get; set; }
    public int RowsFailed { get; set; }
    public int NextRow { get; set; } = 2;

    /// <summary>Chunks beyond <see cref="NextRow"/> already stored, as <c>From, To</c> pairs of file rows.</summary>
    public int[] StoredAhead { get; set; } = [];

    public ImportProgress Progress => new(NextRow, StoredAhead);
    public List<string> Headers { get; init; } = [];
    public List<string> CustomFieldColumns { get; init; } = [];
    /// <summary>Who started the import (a user, or an API key) — the runner acts as them, so its audit entries say so.</summary>
    public ActorType StartedByType { get; init; }
    public required string StartedById { get; init; }
    public required string StartedByName { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>How many times the runner picked the job up; the last allowed run marks it failed instead of throwing.</summary>
    public int Runs { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>Hangfire's id for the run; null while the job is not in Hangfire's queue (its enqueue failed), which
    /// <see cref="QueuedImportSweep"/> repairs.</summary>
    public string? BackgroundJobId { get; set; }

    public bool IsFinished => Status is ImportJobStatus.Completed or ImportJobStatus.CompletedWithErrors
        or ImportJobStatus.Failed or ImportJobStatus.Cancelled;
}
