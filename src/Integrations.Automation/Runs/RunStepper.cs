using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Automation.Conditions;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;
using Integrations.Automation.Templates;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Automation.Runs;

/// <summary>
/// Works on one claimed run, in a scope whose caller acts as the run, on the version it started on: step after step
/// until it ends, parks (a delay) or waits to retry. Each step's attempt is a step run with its idempotency key; when
/// each is written depends on the step's kind (<see cref="StepKinds"/>): a two-step run of an <c>if</c> and an
/// <c>http_request</c> is one write after the request.
/// </summary>
internal sealed partial class RunStepper(
    IntegrationsDbContext db,
    Caller caller,
    TimeProvider clock,
    DefinitionCache definitions,
    StepTypes types,
    WorkflowTemplates templates,
    IServiceProvider services,
    IOptionsMonitor<AutomationOptions> options,
    RunProgress progress,
    ILogger<RunStepper> log)
{
    private readonly List<WorkflowStepRun> quick = [];
    private WorkflowRun? tracked;
    private string workflowName = "";

    /// <summary>Works on <paramref name="run"/> as claimed (leased, status running).</summary>
    public async Task RunAsync(WorkflowRun run, CancellationToken ct)
    {
        if (run.Status != RunStatus.Running)
        {
            return;
        }

        var cached = await definitions.GetAsync(db, run.WorkflowId, run.Version, ct);
        workflowName = cached?.Definition.Name ?? "";
        caller.ActAsWorkflowRun(run.WorkspaceId, new RunCausation(run.Id, run.WorkflowId, run.Depth),
            PublicId.Format(IdPrefixes.Workflow, run.WorkflowId), workflowName);
        var trigger = JsonNode.Parse(run.TriggerData) as JsonObject ?? [];
        while (run.Status == RunStatus.Running && run.DueAt <= clock.GetUtcNow() && !ct.IsCancellationRequested)
        {
            if (run.CurrentStepId is null)
            {
                run.Status = RunStatus.Succeeded;
                run.FinishedAt = clock.GetUtcNow();
                run.LeaseUntil = null;
                await Track(run).SaveChangesAsync(CancellationToken.None);
                return;
            }

            if (cached?.Flow.Find(run.CurrentStepId) is not { } step)
            {
                await FailRunAsync(run, run.CurrentStepId, $"Version {run.Version} of the workflow has no step '{run.CurrentStepId}'.");
                return;
            }

            run = await StepAsync(run, step, cached.Flow, trigger, ct);
        }

        // Stopped between steps (shutting down) with a pure step's record unsaved: keep it.
        await SaveQuickStepsAsync(run);
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
        if (StepKinds.IsPure(step.Type) || StepKinds.SendsItsKey(step.Type))
        {
            return await QuickStepAsync(run, step, flow, data, type, context, input, started, ct);
        }

        await SaveQuickStepsAsync(run);
        if (StepKinds.IsDatabaseOnly(step.Type))
        {
            await using var transaction = await Track(run).Database.BeginTransactionAsync(CancellationToken.None);
            var stepRun = NewStepRun(run, step, attempt, key, input, started);
            Track(run).Add(stepRun);
            await Track(run).SaveChangesAsync(CancellationToken.None);
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
            tracked = run;
            await using var failure = await Track(run).Database.BeginTransactionAsync(CancellationToken.None);
            var failed = NewStepRun(run, step, attempt, key, input, started);
            Track(run).Add(failed);
            await RecordAsync(run, failed, step, flow, data, outcome);
            await failure.CommitAsync(CancellationToken.None);
            return run;
        }

        var sent = await Track(run).Set<WorkflowStepRun>().IgnoreQueryFilters()
            .SingleOrDefaultAsync(s => s.RunId == run.Id && s.StepId == step.Id && s.Attempt == attempt, CancellationToken.None);
        if (sent is null)
        {
            sent = NewStepRun(run, step, attempt, key, input, started);
            Track(run).Add(sent);
            run.LeaseUntil = started.AddSeconds(options.CurrentValue.LeaseSeconds);
            await Track(run).SaveChangesAsync(CancellationToken.None);
        }
        else if (step.Type == StepKinds.AppAction)
        {
            // The call may or may not have reached the provider: repeating it could send an email twice.
            var app = await AppOfAsync(step);
            await using var interrupted = await Track(run).Database.BeginTransactionAsync(CancellationToken.None);
            await RecordAsync(run, sent, step, flow, data, StepOutcome.Failed($"Interrupted; check {app} before retrying."));
            await interrupted.CommitAsync(CancellationToken.None);
            return run;
        }
        else
        {
            RequestResent(run.Id, step.Id, attempt);
        }

        var called = await CallAsync(type, context, ct);
        await using var bookkeeping = await Track(run).Database.BeginTransactionAsync(CancellationToken.None);
        await RecordAsync(run, sent, step, flow, data, called);
        await bookkeeping.CommitAsync(CancellationToken.None);
        return run;
    }

    /// <summary>
    /// A pure step or one that sends its key: done, its step run waits in memory (with any pure steps before it) and is
    /// written with the run's new state through <see cref="RunProgress"/> after a step that called out or when the run
    /// leaves the executor. A failed attempt is recorded at once, as any other step's.
    /// </summary>
    private async Task<WorkflowRun> QuickStepAsync(WorkflowRun run, StepDefinition step, StepFlow flow, JsonObject data, IStepType? type,
        StepContext context, JsonObject input, DateTimeOffset started, CancellationToken ct)
    {
        var result = await CallAsync(type, context, ct);
        var stepRun = NewStepRun(run, step, context.Attempt, context.IdempotencyKey, input, started);
        if (result.Error is not null)
        {
            Track(run).AddRange(quick);
            quick.Clear();
            Track(run).Add(stepRun);
            await RecordAsync(run, stepRun, step, flow, data, result);
            return run;
        }

        await RecordAsync(run, stepRun, step, flow, data, result, save: false);
        quick.Add(stepRun);
        if (!StepKinds.IsPure(step.Type) || run.Status != RunStatus.Running)
        {
            await SaveQuickStepsAsync(run);
        }

        return run;
    }

    /// <summary>Writes the quick steps waiting in memory and the run's state after them, if there are any.</summary>
    private async Task SaveQuickStepsAsync(WorkflowRun run)
    {
        if (quick.Count == 0)
        {
            return;
        }

        await progress.SaveAsync(run, quick);
        quick.Clear();
        if (ReferenceEquals(tracked, run))
        {
            // What was written is now the run's saved state, for any later step's own write.
            var entry = db.Entry(run);
            entry.OriginalValues.SetValues(entry.CurrentValues);
            entry.State = EntityState.Unchanged;
        }
    }

    /// <summary>
    /// The context, tracking <paramref name="run"/> (all of it to be written: the stepper holds its lease, so its state
    /// in memory is the truth). Attached only when a step needs the context: quick steps never do, which spares the
    /// executor's hot path the context's set-up.
    /// </summary>
    private IntegrationsDbContext Track(WorkflowRun run)
    {
        if (!ReferenceEquals(tracked, run))
        {
            db.Update(run);
            tracked = run;
        }

        return db;
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
    private async Task RecordAsync(WorkflowRun run, WorkflowStepRun stepRun, StepDefinition step, StepFlow flow, JsonObject data, StepOutcome outcome, bool save = true)
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
                await Track(run).SaveChangesAsync(CancellationToken.None);
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
        var next = flow.Next(step, StepKinds.IsPure(step.Type) ? Branch(output, step, data) : null);
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

        if (save)
        {
            await Track(run).SaveChangesAsync(CancellationToken.None);
        }
    }

    private static bool Branch(JsonObject output, StepDefinition step, JsonObject data) =>
        output["branch"] is JsonValue branch && branch.TryGetValue<string>(out var name) ? name == "then"
        : output["result"] is JsonValue result && result.TryGetValue<bool>(out var holds) ? holds
        : ConditionEvaluator.Holds(step.Conditions, new ConditionSubject(data));

    /// <summary>Ends the run as failed (in the current transaction, if any) and publishes <c>workflow.run.failed</c>.</summary>
    private async Task FailRunAsync(WorkflowRun run, string? stepId, string error)
    {
        Track(run).AddRange(quick);
        quick.Clear();
        run.Status = RunStatus.Failed;
        run.Error = Clip(error);
        run.FinishedAt = clock.GetUtcNow();
        run.LeaseUntil = null;
        await using var transaction = Track(run).Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(CancellationToken.None) : null;
        await db.SaveChangesAsync(CancellationToken.None);
        await services.GetRequiredService<EventLog>().AppendAsync([RunEvents.Ended(EventCatalog.WorkflowRunFailed, run.Id, run.WorkflowId, workflowName, run.Version,
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

    /// <summary>The app an <c>app_action</c> calls, as its connection says (<c>slack (Acme)</c>), for an interrupted call.</summary>
    private async Task<string> AppOfAsync(StepDefinition step)
    {
        var connection = JsonText.Of(step.Json["connection_id"]) is { } id
            ? await services.GetRequiredService<AppConnections>().FindAsync(id, CancellationToken.None)
            : null;
        return connection is null ? "the app" : $"{connection.AppId} ({connection.AccountName})";
    }

    private static string Clip(string error) => error.Length <= 2000 ? error : error[..1997] + "...";

    [LoggerMessage(LogLevel.Warning, "Step {StepId} of workflow run {RunId} threw; recorded as a failed attempt")]
    private partial void StepThrew(Exception error, Guid runId, string stepId);

    [LoggerMessage(LogLevel.Information, "Step {StepId} of workflow run {RunId} was interrupted; sending attempt {Attempt} again with its idempotency key")]
    private partial void RequestResent(Guid runId, string stepId, int attempt);
}
