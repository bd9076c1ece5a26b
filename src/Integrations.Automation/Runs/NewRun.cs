using Integrations.Platform.Data;

namespace Integrations.Automation.Runs;

/// <summary>A run to write: <see cref="Status"/> is <c>running</c>, or <c>stopped</c> with its <see cref="Error"/> when a
/// guard held it back.</summary>
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
    string? OnceKey = null);
