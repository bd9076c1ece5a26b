namespace Integrations.Automation.Builder;

/// <summary>What saving a workflow did: its id (null when refused), its new version, and what was wrong, keyed by JSON
/// path as the API's ProblemDetails key them (<c>name</c>, <c>trigger.object</c>, <c>steps[1].fields.job_title</c>).</summary>
public sealed record WorkflowSaved(string? Id, int Version, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Saved => Id is not null && Errors.Count == 0;
}
