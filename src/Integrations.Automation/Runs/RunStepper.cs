using System.Text.Json.Nodes;
using Integrations.Automation.Conditions;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;
using Integrations.Automation.Templates;
using Integrations.Automation.Workflows;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Automation.Runs;

/// <summary>
/// Works on one claimed run, in a scope whose caller acts as the run, on the version it started on: step after step
/// until it ends, parks (a delay) or waits to retry. Each step's attempt is a step run with its idempotency key. A step
/// that only changes this database runs in one transaction with its bookkeeping; any other step's step run is committed
/// before the call, so after a crash an unfinished one is found: an <c>app_action</c> is then failed (never re-sent
/// blindly), any other is sent again with the same idempotency key.
/// </summary>
internal sealed partial class RunStepper(
    IntegrationsDbContext db,
    Caller caller,
    TimeProvider clock,
    DefinitionCache definitions,
    StepTypes types,
    WorkflowTemplates templates,
    EventLog events,
    IServiceProvider services,
    IOptionsMonitor<AutomationOptions> options,
    ILogger<RunStepper> log)
{
    private string workflowName = "";

    public async Task RunAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.Set<WorkflowRun>().IgnoreQueryFilters().SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || run.Status != RunStatus.Running)
        {
            return;
        }

        workflowName = await db.Set<Workflow>().IgnoreQueryFilters().Where(w => w.Id == run.WorkflowId).Select(w => w.Name).SingleAsync(ct);
        caller.ActAsWorkflowRun(run.WorkspaceId, new RunCausation(run.Id, run.WorkflowId, run.Depth),
            PublicId.Format(IdPrefixes.Workflow, run.WorkflowId), workflowName);
        var cached = await definitions.GetAsync(db, run.WorkflowId, run.Version, ct);
        var trigger = JsonNode.Parse(run.TriggerData) as JsonObject ?? [];
        while (run.Status == RunStatus.Running && run.DueAt <= clock.GetUtcNow() && !ct.IsCancellationRequested)
        {
            if (run.CurrentStepId is null)
            {
                run.Status = RunStatus.Succeeded;
                run.FinishedAt = clock.GetUtcNow();
                run.LeaseUntil = null;
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }

            if (cached?.Flow.Find(run.CurrentStepId) is not { } step)
            {
                await FailRunAsync(run, run.CurrentStepId, $"Version {run.Version} of the workflow has no step '{run.CurrentStepId}'.");
                return;
            }

            run = await StepAsync(run, step, cached.Flow, trigger, ct);
        }
    }

    private async Task<WorkflowRun> StepAsync(WorkflowRun run, StepDefinition step, StepFlow flow, JsonObject trigger, CancellationToken ct)
    {
        var attempt = run.Attempts + 1;
        var key = $"{PublicId.Format(IdPrefixes.WorkflowRun, run.Id)}:{step.Id}:{attempt}";
        var data = RunData.From(trigger, JsonNode.Parse(run.Steps) as JsonObject);
        var type = types.Find(step.Type);
        if (type is null && step.Type != StepKinds.If)
        {
            await FailRunAsync(run, step.Id, $"Step '{step.Id}' has an unknown type '{step.Type}'.");
            return run;
        }

        JsonObject input;
        try
        {
            input = await StepInput.RenderAsync(templates, step, data);
        }
        catch (Exception error) when (error is TemplateException or InvalidOperationException or ArgumentException)
        {
            await FailRunAsync(run, step.Id, $"Step '{step.Id}' could not render its input: {error.Message}");
            return run;
        }

        var context = new StepContext
        {
            Step = step, Data = data, RunId = run.Id, WorkflowId = run.WorkflowId, Attempt = attempt, IdempotencyKey = key, Services = services,
        };
        var started = clock.GetUtcNow();
        if (StepKinds.IsDatabaseOnly(step.Type))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var stepRun = NewStepRun(run, step, attempt, key, input, started);
            db.Add(stepRun);
            await db.SaveChangesAsync(CancellationToken.None);
            var outcome = await CallAsync(type, context, ct);
            if (outcome.Error is null)
            {
                await RecordAsync(run, stepRun, step, flow, data, outcome);
                await transaction.CommitAsync(CancellationToken.None);
                return run;
            }

            // What the step did is taken back; its failed attempt is recorded on its own.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            run = await db.Set<WorkflowRun>().IgnoreQueryFilters().SingleAsync(r => r.Id == run.Id, CancellationToken.None);
            await using var failure = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var failed = NewStepRun(run, step, attempt, key, input, started);
            db.Add(failed);
            await RecordAsync(run, failed, step, flow, data, outcome);
            await failure.CommitAsync(CancellationToken.None);
            return run;
        }

        var sent = await db.Set<WorkflowStepRun>().IgnoreQueryFilters()
            .SingleOrDefaultAsync(s => s.RunId == run.Id && s.StepId == step.Id && s.Attempt == attempt, CancellationToken.None);
        if (sent is null)
        {
            sent = NewStepRun(run, step, attempt, key, input, started);
            db.Add(sent);
            run.LeaseUntil = started.AddSeconds(options.CurrentValue.LeaseSeconds);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        else if (step.Type == StepKinds.AppAction)
        {
            // The call may or may not have reached the provider: repeating it could send an email twice.
            var app = AppOf(step);
            await using var interrupted = await db.Database.BeginTransactionAsync(CancellationToken.None);
            await RecordAsync(run, sent, step, flow, data, StepOutcome.Failed($"Interrupted; check {app} before retrying."));
            await interrupted.CommitAsync(CancellationToken.None);
            return run;
        }
        else
        {
            RequestResent(run.Id, step.Id, attempt);
        }

        var result = await CallAsync(type, context, ct);
        await using var bookkeeping = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await RecordAsync(run, sent, step, flow, data, result);
        await bookkeeping.CommitAsync(CancellationToken.None);
        return run;
    }

    private async Task<StepOutcome> CallAsync(IStepType? type, StepContext context, CancellationToken ct)
    {
        if (type is null)
        {
            // "if" before its step type is registered: the executor picks the branch with the same evaluator.
            var holds = ConditionEvaluator.Holds(context.Step.Conditions, new ConditionSubject(context.Data));
            return StepOutcome.Done(new JsonObject { ["result"] = holds, ["branch"] = holds ? "then" : "else" });
        }

        try
        {
            return await type.RunAsync(context, ct);
        }
        catch (Exception error) when (error is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            StepThrew(error, context.RunId, context.Step.Id);
            return StepOutcome.Failed($"The step failed unexpectedly: {error.Message}", retry: true);
        }
    }

    /// <summary>The attempt's outcome into its step run and the run: the output saved and the pointer moved (or parked
    /// until a delay's time), or a retry scheduled, or the run failed.</summary>
    private async Task RecordAsync(WorkflowRun run, WorkflowStepRun stepRun, StepDefinition step, StepFlow flow, JsonObject data, StepOutcome outcome)
    {
        var now = clock.GetUtcNow();
        stepRun.FinishedAt = now;
        stepRun.DurationMs = (int)Math.Min(int.MaxValue, (now - stepRun.StartedAt).TotalMilliseconds);
        run.LeaseUntil = null;
        if (outcome.Error is { } error)
        {
            stepRun.Status = StepRunStatus.Failed;
            stepRun.Error = Clip(error);
            run.Attempts = stepRun.Attempt;
            if (outcome.Retry && stepRun.Attempt - run.AttemptBase < options.CurrentValue.MaxAttempts)
            {
                run.DueAt = now + RetryBackoff.After(stepRun.Attempt - run.AttemptBase, outcome.RetryAfter);
                run.Error = Clip($"Step '{step.Id}' failed (attempt {stepRun.Attempt}); retrying at {run.DueAt:O}: {error}");
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }

            await FailRunAsync(run, step.Id, $"Step '{step.Id}' failed: {error}");
            return;
        }

        var output = outcome.Output ?? [];
        stepRun.Status = StepRunStatus.Succeeded;
        stepRun.Output = output.ToJsonString();
        var steps = data["steps"] as JsonObject ?? [];
        steps[step.Id] = output.DeepClone();
        run.Steps = steps.ToJsonString();
        var next = flow.Next(step, step.Type == StepKinds.If ? Branch(output, step, data) : null);
        run.CurrentStepId = next?.Id;
        run.Error = null;
        run.Attempts = 0;
        run.AttemptBase = 0;
        if (outcome.WaitUntil is { } until && until > now)
        {
            run.Status = RunStatus.Waiting;
            run.DueAt = until;
        }
        else if (next is null)
        {
            run.Status = RunStatus.Succeeded;
            run.FinishedAt = now;
        }
        else
        {
            run.LeaseUntil = now.AddSeconds(options.CurrentValue.LeaseSeconds);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static bool Branch(JsonObject output, StepDefinition step, JsonObject data) =>
        output["branch"] is JsonValue branch && branch.TryGetValue<string>(out var name) ? name == "then"
        : output["result"] is JsonValue result && result.TryGetValue<bool>(out var holds) ? holds
        : ConditionEvaluator.Holds(step.Conditions, new ConditionSubject(data));

    /// <summary>Ends the run as failed (in the current transaction, if any) and publishes <c>workflow.run.failed</c>.</summary>
    private async Task FailRunAsync(WorkflowRun run, string? stepId, string error)
    {
        run.Status = RunStatus.Failed;
        run.Error = Clip(error);
        run.FinishedAt = clock.GetUtcNow();
        run.LeaseUntil = null;
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(CancellationToken.None) : null;
        await db.SaveChangesAsync(CancellationToken.None);
        await events.AppendAsync([RunEvents.Ended(EventCatalog.WorkflowRunFailed, run.Id, run.WorkflowId, workflowName, run.Version,
            run.TriggerType, run.RecordId, stepId, run.Error)], CancellationToken.None);
        if (transaction is not null)
        {
            await transaction.CommitAsync(CancellationToken.None);
        }
    }

    private WorkflowStepRun NewStepRun(WorkflowRun run, StepDefinition step, int attempt, string key, JsonObject input, DateTimeOffset started) => new()
    {
        Id = PublicId.NewId(clock),
        WorkspaceId = run.WorkspaceId,
        RunId = run.Id,
        StepId = step.Id,
        StepType = step.Type,
        Attempt = attempt,
        Status = StepRunStatus.Running,
        Input = input.ToJsonString(),
        IdempotencyKey = key,
        StartedAt = started,
    };

    private static string AppOf(StepDefinition step) =>
        step.Json["app"] is JsonValue app && app.TryGetValue<string>(out var name) ? name
        : step.Json["action"] is JsonValue action && action.TryGetValue<string>(out var id) ? id.Split('.')[0]
        : "the app";

    private static string Clip(string error) => error.Length <= 2000 ? error : error[..1997] + "...";

    [LoggerMessage(LogLevel.Warning, "Step {StepId} of workflow run {RunId} threw; recorded as a failed attempt")]
    private partial void StepThrew(Exception error, Guid runId, string stepId);

    [LoggerMessage(LogLevel.Information, "Step {StepId} of workflow run {RunId} was interrupted; sending attempt {Attempt} again with its idempotency key")]
    private partial void RequestResent(Guid runId, string stepId, int attempt);
}
