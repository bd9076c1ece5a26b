using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;
using Integrations.Automation.Templates;

namespace Integrations.Automation.Workflows;

/// <summary>
/// Checks a workflow's JSON before it is saved; every problem is keyed by its JSON path (<c>trigger.object</c>,
/// <c>steps[1].fields.job_title</c>) for ProblemDetails <c>errors</c>. Unknown top-level properties are refused (a typo
/// must not be ignored), except those a GET returns, so a GET body can be PUT back.
/// </summary>
internal sealed partial class WorkflowRules(StepTypes stepTypes, WorkflowTemplates templates)
{
    public const int MaxSteps = 50;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;

    /// <summary>What a workflow's JSON is made of; these are stored in its versions.</summary>
    public static readonly IReadOnlyList<string> DefinitionProperties = ["name", "description", "trigger", "steps", "settings"];

    /// <summary>What a GET adds around the definition: accepted back, and not stored (<c>enabled</c> is read on save).</summary>
    public static readonly IReadOnlyList<string> ReadOnlyProperties =
        ["id", "version", "enabled", "created_at", "updated_at", "created_by", "summary", "signing_secret"];

    public Dictionary<string, string[]> Check(JsonObject? json) => Check(json, pending: null);

    /// <summary><see cref="Check(JsonObject?)"/>, then the step types' checks that need the workspace's data (an
    /// <c>app_action</c>'s connection and action), for steps whose shape was right; <paramref name="services"/> is the
    /// saving request's scope.</summary>
    public async Task<Dictionary<string, string[]>> CheckAsync(JsonObject? json, IServiceProvider services, CancellationToken ct)
    {
        var pending = new List<(StepDefinition Step, string Path, IStepType Type, StepChecks Checks)>();
        var errors = Check(json, pending);
        foreach (var (step, path, type, checks) in pending.Where(p => !p.Checks.Errors.Keys.Any(k => k.StartsWith(p.Path + ".", StringComparison.Ordinal) || k == p.Path)))
        {
            checks.Path = path;
            await type.CheckAsync(step, checks, services, ct);
        }

        return errors;
    }

    private Dictionary<string, string[]> Check(JsonObject? json, List<(StepDefinition, string, IStepType, StepChecks)>? pending)
    {
        if (json is null)
        {
            return new() { ["body"] = ["The body must be a workflow: a JSON object with name, trigger and steps."] };
        }

        var trigger = WorkflowJson.ReadTrigger(json["trigger"] as JsonObject ?? []);
        var checks = new StepChecks(trigger, templates);
        foreach (var (name, _) in json)
        {
            if (!DefinitionProperties.Contains(name) && !ReadOnlyProperties.Contains(name))
            {
                checks.Add(name, $"Unknown property '{name}'; a workflow has {string.Join(", ", DefinitionProperties)}.");
            }
        }

        CheckName(json, checks);
        if (json["enabled"] is { } enabled && enabled.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            checks.Add("enabled", "enabled must be true or false.");
        }

        TriggerRules.Check(json["trigger"], checks);
        CheckSettings(json["settings"], checks);
        CheckSteps(json, checks, pending);
        return checks.Errors;
    }

    private static void CheckName(JsonObject json, StepChecks checks)
    {
        if (JsonText.Of(json["name"]) is not { } name || string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            checks.Add("name", $"name must be text of 1 to {MaxNameLength} characters.");
        }

        if (json.ContainsKey("description") && json["description"] is not null
            && (JsonText.Of(json["description"]) is not { } description || description.Length > MaxDescriptionLength))
        {
            checks.Add("description", $"description must be text of at most {MaxDescriptionLength} characters.");
        }
    }

    private static void CheckSettings(JsonNode? node, StepChecks checks)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonObject settings)
        {
            checks.Add("settings", "settings must be an object.");
            return;
        }

        foreach (var (name, value) in settings)
        {
            switch (name)
            {
                case "trigger_on_own_changes" when value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False):
                    checks.Add("settings.trigger_on_own_changes", "trigger_on_own_changes must be true or false.");
                    break;
                case "max_runs_per_minute" when value is not JsonValue number || !number.TryGetValue<int>(out var limit)
                    || limit is < 1 or > WorkflowLimits.MaxRunsPerMinuteCeiling:
                    checks.Add("settings.max_runs_per_minute", $"max_runs_per_minute must be a whole number from 1 to {WorkflowLimits.MaxRunsPerMinuteCeiling}.");
                    break;
                case "trigger_on_own_changes" or "max_runs_per_minute":
                    break;
                default:
                    checks.Add($"settings.{name}", $"Unknown setting '{name}'; settings are trigger_on_own_changes and max_runs_per_minute.");
                    break;
            }
        }
    }

    private void CheckSteps(JsonObject json, StepChecks checks, List<(StepDefinition, string, IStepType, StepChecks)>? pending)
    {
        if (json["steps"] is not JsonArray steps || steps.Count == 0)
        {
            checks.Add("steps", $"steps must be an array of 1 to {MaxSteps} steps.");
            return;
        }

        var definition = WorkflowJson.Read(json);
        var count = Count(definition.Steps);
        if (count > MaxSteps)
        {
            checks.Add("steps", $"A workflow has at most {MaxSteps} steps, branches included; this one has {count}.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        CheckList(steps, definition.Steps, "steps", ids, checks, pending);
    }

    private void CheckList(JsonArray nodes, IReadOnlyList<StepDefinition> steps, string path, HashSet<string> ids, StepChecks checks,
        List<(StepDefinition, string, IStepType, StepChecks)>? pending)
    {
        var read = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            var stepPath = $"{path}[{i}]";
            if (nodes[i] is not JsonObject)
            {
                checks.Path = "";
                checks.Add(stepPath, "A step must be an object with a type.");
                continue;
            }

            CheckStep(steps[read++], stepPath, ids, checks, pending);
        }
    }

    private void CheckStep(StepDefinition step, string path, HashSet<string> ids, StepChecks checks,
        List<(StepDefinition, string, IStepType, StepChecks)>? pending)
    {
        checks.Path = path;
        if (step.Json.ContainsKey("id") && (JsonText.Of(step.Json["id"]) is not { } id || !StepId().IsMatch(id)))
        {
            checks.Add("id", "id must start with a lowercase letter and have at most 40 lowercase letters, digits and '_'.");
        }
        else if (!ids.Add(step.Id))
        {
            checks.Add("id", $"Another step already has the id '{step.Id}'.");
        }

        if (stepTypes.Find(step.Type) is not { } type)
        {
            var known = string.Join(", ", stepTypes.All.Select(t => t.Type).Order(StringComparer.Ordinal));
            checks.Add("type", $"'{step.Type}' is not a step type; the step types are {known}.");
        }
        else
        {
            type.Check(step, checks);
            pending?.Add((step, path, type, checks));
        }

        var before = new HashSet<string>(checks.EarlierSteps, StringComparer.Ordinal);
        checks.EarlierSteps.Add(step.Id);
        var afterThen = Branch(step, step.Then, "then", path, ids, checks, pending);
        checks.EarlierSteps.Clear();
        checks.EarlierSteps.UnionWith(before);
        checks.EarlierSteps.Add(step.Id);
        Branch(step, step.Else, "else", path, ids, checks, pending);
        checks.EarlierSteps.UnionWith(afterThen);
    }

    /// <summary>Checks a branch's steps; returns the step ids known after it.</summary>
    private HashSet<string> Branch(StepDefinition step, IReadOnlyList<StepDefinition> steps, string name, string path, HashSet<string> ids, StepChecks checks,
        List<(StepDefinition, string, IStepType, StepChecks)>? pending)
    {
        if (step.Json[name] is { } node && node is not JsonArray)
        {
            checks.Path = path;
            checks.Add(name, $"{name} must be an array of steps.");
        }
        else if (step.Json[name] is JsonArray nodes)
        {
            CheckList(nodes, steps, $"{path}.{name}", ids, checks, pending);
        }

        return [.. checks.EarlierSteps];
    }

    private static int Count(IReadOnlyList<StepDefinition> steps) => steps.Sum(s => 1 + Count(s.Then) + Count(s.Else));

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex StepId();
}
