namespace Integrations.Automation.Builder;

/// <summary>A run as the run history lists it: its status, what started it, its record, when, how long, its error.</summary>
public sealed record RunRow(
    string Id,
    string WorkflowId,
    int Version,
    string Status,
    string TriggerType,
    string? RecordObject,
    string? RecordId,
    string? CurrentStepId,
    int Attempts,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt)
{
    public TimeSpan? Duration => FinishedAt - CreatedAt;
}

/// <summary>One run in full: its trigger data and every step run (attempt) with its input, output and error, as JSON text.</summary>
public sealed record RunDetail(RunRow Run, string WorkflowName, string? TriggerData, IReadOnlyList<StepRunRow> Steps);

public sealed record StepRunRow(
    string StepId,
    string Type,
    int Attempt,
    string Status,
    string? Input,
    string? Output,
    string? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int? DurationMs);

/// <summary>A workflow that can be run by hand on a record from its page.</summary>
public sealed record ManualWorkflow(string Id, string Name);
