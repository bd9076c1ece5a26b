using System.Text.Json.Nodes;
using Integrations.Automation.Conditions;
using Integrations.Automation.Definitions;

namespace Integrations.Automation.Steps.If;

/// <summary><c>if</c> <c>{"conditions": [...], "then": [...], "else": [...]}</c>: chooses a branch with the same
/// evaluator as trigger filters. Output <c>{"branch": "then"|"else"}</c>; the executor runs that branch's steps next.</summary>
internal sealed class IfStep : IStepType
{
    public const string Then = "then";
    public const string Else = "else";

    public string Type => "if";
    public string Title => "If / else";
    public string Description => "Runs the then steps when the conditions hold, else the else steps.";
    public bool SafeToDryRun => true;

    public IReadOnlyList<StepField> Fields { get; } =
    [
        new("conditions", "conditions", true, "Conditions over the record, the trigger and earlier steps (all must hold)."),
        new("then", "steps", true, "Steps to run when the conditions hold."),
        new("else", "steps", false, "Steps to run otherwise."),
    ];

    /// <summary>The conditions, by the one condition checker; the branches' steps are checked by the workflow's rules
    /// like any other steps.</summary>
    public void Check(StepDefinition step, StepChecks checks)
    {
        if (step.Json["conditions"] is not JsonArray { Count: > 0 })
        {
            checks.Add("conditions", "conditions must be a non-empty list of conditions.");
            return;
        }
        else
        {
            ConditionChecks.Check(step.Json["conditions"], "conditions", checks);
        }

        ConditionChecks.Check(step.Json["conditions"], "conditions", checks);
    }

    public Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
    {
        var holds = ConditionEvaluator.Holds(context.Step.Conditions, new ConditionSubject(context.Data));
        return Task.FromResult(StepOutcome.Done(new JsonObject { ["branch"] = holds ? Then : Else }));
    }
}
