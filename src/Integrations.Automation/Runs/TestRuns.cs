using System.Text.Json.Nodes;
using Integrations.Automation.Conditions;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;
using Integrations.Automation.Templates;
using Integrations.Platform.Data;

namespace Integrations.Automation.Runs;

/// <summary>
/// A test run of an unsaved workflow on a chosen record: each step's rendered input, and for the steps that declare
/// themselves safe to dry-run what they would do (run with <c>DryRun</c>, in a transaction that is rolled back).
/// Nothing is stored; steps that are not safe to dry-run are shown, not run.
/// </summary>
internal sealed class TestRuns(IntegrationsDbContext db, StepTypes types, WorkflowTemplates templates, RunTriggers triggers, IServiceProvider services)
{
    private const int MaxSteps = 200;

    /// <summary>The test run, or the problems keyed by field.</summary>
    public async Task<(TestRunView? Run, Dictionary<string, string[]>? Errors)> RunAsync(TestRunRequest request, CancellationToken ct)
    {
        if (request.Workflow is not { } json)
        {
            return (null, new() { ["workflow"] = ["workflow is required: the workflow's JSON, as it would be saved."] });
        }

        var definition = WorkflowJson.Read(json);
        var checks = new StepChecks(definition.Trigger, templates);
        Check(definition.Steps, "steps", checks);
        if (checks.Errors.Count > 0)
        {
            return (null, checks.Errors.ToDictionary(e => $"workflow.{e.Key}", e => e.Value));
        }

        var (trigger, error) = await triggers.ForRecordAsync(definition.Trigger.Object, request.RecordId, ct);
        if (trigger is null)
        {
            return (null, new() { ["record_id"] = [error!] });
        }

        var data = RunData.From(trigger);
        var flow = new StepFlow(definition.Steps);
        var shown = new List<TestStepView>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        for (var step = flow.First; step is not null && shown.Count < MaxSteps;)
        {
            var (view, branch) = await TryAsync(step, data, ct);
            shown.Add(view);
            if (view.Output is { } output)
            {
                ((JsonObject)data["steps"]!)[step.Id] = output.DeepClone();
            }

            step = flow.Next(step, branch);
        }

        await transaction.RollbackAsync(ct);
        return (new TestRunView(shown), null);
    }

    private async Task<(TestStepView View, bool? Branch)> TryAsync(StepDefinition step, JsonObject data, CancellationToken ct)
    {
        JsonObject input;
        try
        {
            input = await StepInput.RenderAsync(templates, step, data);
        }
        catch (Exception error) when (error is TemplateException or InvalidOperationException or ArgumentException)
        {
            return (new TestStepView(step.Id, step.Type, null, false, null, $"The input could not be rendered: {error.Message}", null), null);
        }

        var type = types.Find(step.Type);
        bool? branch = step.Type == StepKinds.If ? ConditionEvaluator.Holds(step.Conditions, new ConditionSubject(data)) : null;
        if (type is null || !type.SafeToDryRun)
        {
            return (new TestStepView(step.Id, step.Type, input, false, null, null, Name(branch)), branch);
        }

        var context = new StepContext
        {
            Step = step, Data = data, RunId = Guid.Empty, WorkflowId = Guid.Empty, IdempotencyKey = $"test:{step.Id}:1", DryRun = true, Services = services,
        };
        var outcome = await type.RunAsync(context, ct);
        if (step.Type == StepKinds.If && outcome.Output?["branch"] is JsonValue picked && picked.TryGetValue<string>(out var name))
        {
            branch = name == "then";
        }

        return (new TestStepView(step.Id, step.Type, input, true, outcome.Output, outcome.Error, Name(branch)), branch);
    }

    private static string? Name(bool? branch) => branch switch { true => "then", false => "else", null => null };

    private void Check(IReadOnlyList<StepDefinition> steps, string path, StepChecks checks)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            checks.Path = $"{path}[{i}]";
            if (types.Find(step.Type) is { } type)
            {
                type.Check(step, checks);
            }
            else if (step.Type != StepKinds.If)
            {
                checks.Add("type", $"'{step.Type}' is not a step type.");
            }

            Check(step.Then, $"{path}[{i}].then", checks);
            Check(step.Else, $"{path}[{i}].else", checks);
        }
    }
}
