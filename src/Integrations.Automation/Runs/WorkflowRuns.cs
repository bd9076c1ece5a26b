using System.Text.Json.Nodes;
using Integrations.Automation.Workflows;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Automation.Runs;

/// <summary>
/// Run history and what an admin does with runs: start one by hand, read them, retry a failed one from its failed step
/// (on its version), run one again on the latest version. All in the caller's workspace.
/// </summary>
internal sealed class WorkflowRuns(IntegrationsDbContext db, TimeProvider clock, DefinitionCache definitions, RunWriter writer,
    RunTriggers triggers, AuditTrail audit)
{
    public Task<Workflow?> WorkflowAsync(string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Workflow, id, out var guid)
            ? db.Set<Workflow>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == guid && w.DeletedAt == null, ct)
            : Task.FromResult<Workflow?>(null);

    /// <summary>A manual run of the workflow's current version on the record; the field and message when refused.</summary>
    public async Task<(RunView? Run, string? Error)> StartAsync(Workflow workflow, string? recordId, CancellationToken ct)
    {
        var cached = await definitions.GetAsync(db, workflow.Id, workflow.Version, ct);
        var (data, error) = await triggers.ForRecordAsync(cached?.Definition.Trigger.Object, recordId, ct);
        if (data is null)
        {
            return (null, error);
        }

        var run = new NewRun(PublicId.NewId(clock), workflow.WorkspaceId, workflow.Id, workflow.Version, RunStatus.Running, "manual",
            data.ToJsonString(), data["object"]?.GetValue<string>(), data["id"]?.GetValue<string>(), null, 0, null, cached?.Flow.First?.Id);
        return (await WriteAsync(run, "workflow_run.started", ct), null);
    }

    public async Task<List<RunView>> ListAsync(Guid workflowId, string? status, Guid? before, int take, CancellationToken ct)
    {
        var query = db.Set<WorkflowRun>().AsNoTracking().Where(r => r.WorkflowId == workflowId);
        if (status is not null)
        {
            query = query.Where(r => r.Status == status);
        }

        if (before is { } cursor)
        {
            query = query.Where(r => r.Id < cursor);
        }

        return (await query.OrderByDescending(r => r.Id).Take(take).ToListAsync(ct)).Select(RunView.From).ToList();
    }

    public async Task<RunDetailView?> FindAsync(string id, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.WorkflowRun, id, out var guid)
            || await db.Set<WorkflowRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == guid, ct) is not { } run)
        {
            return null;
        }

        var steps = await db.Set<WorkflowStepRun>().AsNoTracking().Where(s => s.RunId == guid)
            .OrderBy(s => s.Id).ToListAsync(ct);
        return new RunDetailView(RunView.From(run), JsonNode.Parse(run.TriggerData), JsonNode.Parse(run.Steps), steps.Select(StepRunView.From).ToList());
    }

    /// <summary>Null when there is no such run; the run and whether it was failed (and now goes on from its failed step).</summary>
    public async Task<(RunView? Run, bool Retried)> RetryAsync(string id, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.WorkflowRun, id, out var guid)
            || await db.Set<WorkflowRun>().FirstOrDefaultAsync(r => r.Id == guid, ct) is not { } run)
        {
            return (null, false);
        }

        if (run.Status != RunStatus.Failed || run.CurrentStepId is null)
        {
            return (RunView.From(run), false);
        }

        // The next attempt gets a new number (and idempotency key), and the step its attempts again.
        run.Status = RunStatus.Running;
        run.AttemptBase = run.Attempts;
        run.Error = null;
        run.FinishedAt = null;
        run.LeaseUntil = null;
        run.DueAt = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        audit.Add("workflow_run.retried", "workflow_run", id, new { step = run.CurrentStepId });
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlRawAsync(RunWriter.WakeExecutors, ct);
        await transaction.CommitAsync(ct);
        return (RunView.From(run), true);
    }

    /// <summary>A new run with the same trigger data on the workflow's latest version; null when there is no such run
    /// (or its workflow was deleted).</summary>
    public async Task<RunView?> RerunAsync(string id, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.WorkflowRun, id, out var guid)
            || await db.Set<WorkflowRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == guid, ct) is not { } run
            || await db.Set<Workflow>().AsNoTracking().FirstOrDefaultAsync(w => w.Id == run.WorkflowId && w.DeletedAt == null, ct) is not { } workflow)
        {
            return null;
        }

        var cached = await definitions.GetAsync(db, workflow.Id, workflow.Version, ct);
        var again = new NewRun(PublicId.NewId(clock), run.WorkspaceId, workflow.Id, workflow.Version, RunStatus.Running, run.TriggerType,
            run.TriggerData, run.RecordObject, run.RecordId, run.EventId, 0, null, cached?.Flow.First?.Id);
        return await WriteAsync(again, "workflow_run.rerun", ct);
    }

    private async Task<RunView> WriteAsync(NewRun run, string action, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await writer.WriteAsync([run], now, ct);
        var id = PublicId.Format(IdPrefixes.WorkflowRun, run.Id);
        await audit.AppendAsync(action, "workflow_run", id, new { workflow_id = PublicId.Format(IdPrefixes.Workflow, run.WorkflowId), run.RecordId }, ct);
        await transaction.CommitAsync(ct);
        return RunView.From(await db.Set<WorkflowRun>().AsNoTracking().SingleAsync(r => r.Id == run.Id, ct));
    }
}
