using Integrations.Platform.Data;

namespace Integrations.Automation.Runs;

/// <summary>
/// One attempt at one step of a run: its rendered <see cref="Input"/>, <see cref="Output"/> or <see cref="Error"/>, and
/// its <see cref="IdempotencyKey"/> (<c>wfr_…:{step}:{attempt}</c>, sent with the step's request). A row started and
/// never finished is what a crash leaves behind; the executor decides from the step's kind what to do with it.
/// </summary>
internal sealed class WorkflowStepRun : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public Guid RunId { get; init; }
    public required string StepId { get; init; }
    public required string StepType { get; init; }
    public int Attempt { get; init; }
    public required string Status { get; set; }
    public string? Input { get; set; }
    public string? Output { get; set; }
    public string? Error { get; set; }
    public required string IdempotencyKey { get; init; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int? DurationMs { get; set; }
}
