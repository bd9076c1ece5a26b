using Integrations.Platform.Data;

namespace Integrations.Automation.Runs;

/// <summary>
/// One run of a workflow, on the <see cref="Version"/> it started on: the executor's queue row (claimed when
/// <see cref="DueAt"/> has come and no lease holds it) and its history. <see cref="TriggerData"/> is what started it (the
/// event's data); <see cref="Steps"/> holds each finished step's output by step id; <see cref="CurrentStepId"/> is the
/// step to run next (null once it ended).
/// </summary>
internal sealed class WorkflowRun : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public Guid WorkflowId { get; init; }
    public int Version { get; init; }
    public required string Status { get; set; }
    public required string TriggerType { get; init; }
    public required string TriggerData { get; init; }
    public string Steps { get; set; } = "{}";
    public string? RecordObject { get; init; }
    public string? RecordId { get; init; }
    public Guid? EventId { get; init; }
    public int Depth { get; init; }
    public Guid? CausedByRunId { get; init; }
    public string? CurrentStepId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Attempts made at the current step; <see cref="AttemptBase"/> of them came before the last manual retry.</summary>
    public int Attempts { get; set; }

    public int AttemptBase { get; set; }
    public string? Error { get; set; }

    /// <summary>Set for runs that must start at most once (a schedule's occurrence: <c>{workflow}:{time}</c>).</summary>
    public string? OnceKey { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
}
