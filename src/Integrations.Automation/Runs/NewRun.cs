using Integrations.Platform.Data;

namespace Integrations.Automation.Runs;

/// <summary>A run to write: <see cref="Status"/> is <c>running</c> (from <see cref="StartAt"/> when the workflow's rate
/// limit queued it, else at once), or <c>stopped</c> with its <see cref="Error"/> when the loop guard held it back.</summary>
internal sealed record NewRun(
    Guid Id,
    Guid WorkspaceId,
    Guid WorkflowId,
    int Version,
    string Status,
    string TriggerType,
    Utf8Json TriggerData,
    string? RecordObject,
    string? RecordId,
    Guid? EventId,
    int Depth,
    Guid? CausedByRunId,
    string? FirstStepId,
    string? Error = null,
    string? OnceKey = null,
    DateTimeOffset? StartAt = null);
