using Integrations.Automation.Definitions;
using Integrations.Automation.Templates;

namespace Integrations.Automation.Steps;

/// <summary>
/// Collects what is wrong with a workflow being saved, keyed by JSON path (<c>steps[1].fields.job_title</c>), as
/// ProblemDetails <c>errors</c>. A step type adds under <see cref="Path"/>, knowing the workflow's <see cref="Trigger"/>.
/// </summary>
internal sealed class StepChecks(TriggerDefinition trigger, WorkflowTemplates templates)
{
    public Dictionary<string, string[]> Errors { get; } = [];
    public TriggerDefinition Trigger { get; } = trigger;
    public string Path { get; set; } = "";

    public void Add(string field, string message)
    {
        var key = field.Length == 0 ? Path : $"{Path}.{field}";
        Errors[key] = Errors.TryGetValue(key, out var known) ? [.. known, message] : [message];
    }

    /// <summary>Checks a template input; a bad one is added under <paramref name="field"/>.</summary>
    public void Template(string field, string? source)
    {
        if (source is not null && templates.Check(source) is { } error)
        {
            Add(field, error);
        }
    }
}
