using System.Text.Json.Nodes;
using Integrations.Platform.Ids;

namespace Integrations.Automation.Runs;

/// <summary>A run as the API lists it.</summary>
internal sealed record RunView(
    string Id, string WorkflowId, int Version, string Status, string TriggerType, string? RecordObject, string? RecordId, int Depth,
    string? CausedByRunId, string? CurrentStepId, int Attempts, string? Error, DateTimeOffset DueAt, DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt)
{
    public static RunView From(WorkflowRun r) => new(
        PublicId.Format(IdPrefixes.WorkflowRun, r.Id), PublicId.Format(IdPrefixes.Workflow, r.WorkflowId), r.Version, r.Status, r.TriggerType,
        r.RecordObject, r.RecordId, r.Depth, r.CausedByRunId is { } cause ? PublicId.Format(IdPrefixes.WorkflowRun, cause) : null,
        r.CurrentStepId, r.Attempts, r.Error, r.DueAt, r.CreatedAt, r.FinishedAt);
}

/// <summary>One run in full: what started it, each step's output, and every step run (attempt) in order.</summary>
internal sealed record RunDetailView(RunView Run, JsonNode? TriggerData, JsonNode? Outputs, IReadOnlyList<StepRunView> StepRuns);

internal sealed record StepRunView(
    string StepId, string Type, int Attempt, string Status, JsonNode? Input, JsonNode? Output, string? Error, string IdempotencyKey,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int? DurationMs)
{
    public static StepRunView From(WorkflowStepRun s) => new(
        s.StepId, s.StepType, s.Attempt, s.Status, Parse(s.Input), Parse(s.Output), s.Error, s.IdempotencyKey, s.StartedAt, s.FinishedAt, s.DurationMs);

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
