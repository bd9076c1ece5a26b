using System.Text.RegularExpressions;
using Integrations.Automation.Definitions;
using Integrations.Automation.Templates;

namespace Integrations.Automation.Steps;

/// <summary>
/// Collects what is wrong with a workflow being saved, keyed by JSON path (<c>steps[1].fields.job_title</c>), as
/// ProblemDetails <c>errors</c>. A step type adds under <see cref="Path"/>, knowing the workflow's <see cref="Trigger"/>
/// and the ids of the steps that run before it (<see cref="EarlierSteps"/>: what <c>steps.X</c> may name).
/// </summary>
internal sealed partial class StepChecks(TriggerDefinition trigger, WorkflowTemplates templates)
{
    public Dictionary<string, string[]> Errors { get; } = [];
    public TriggerDefinition Trigger { get; } = trigger;
    public string Path { get; set; } = "";
    public HashSet<string> EarlierSteps { get; } = new(StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        var key = field.Length == 0 ? Path : Path.Length == 0 ? field : $"{Path}.{field}";
        Errors[key] = Errors.TryGetValue(key, out var known) ? [.. known, message] : [message];
    }

    /// <summary>Checks a template input; a bad one, or one reading <c>steps.X</c> of a step that has not run yet, is
    /// added under <paramref name="field"/>.</summary>
    public void Template(string field, string? source)
    {
        if (source is null)
        {
            return;
        }

        if (templates.Check(source) is { } error)
        {
            Add(field, error);
            return;
        }

        foreach (var step in StepReferences(source).Where(s => !EarlierSteps.Contains(s)).Distinct())
        {
            Add(field, $"'steps.{step}' names no step that runs before this one.");
        }
    }

    private static IEnumerable<string> StepReferences(string source) =>
        Tags().Matches(source).SelectMany(tag => StepReference().Matches(tag.Value)).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"(?<![\w.])steps\.([A-Za-z0-9_]+)")]
    private static partial Regex StepReference();
}
