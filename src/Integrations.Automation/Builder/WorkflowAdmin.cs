using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Runs;
using Integrations.Automation.Steps;
using Integrations.Automation.Workflows;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Automation.Builder;

/// <summary>
/// The automation admin pages' way in: the caller's workspace's workflows (listed with their last day of runs, read,
/// saved from the builder's JSON through the API's own checks and plan limit, enabled, duplicated, deleted), their run
/// history (retry, run again, run by hand), and what the builder offers (trigger types, operators, step types).
/// </summary>
public sealed class WorkflowAdmin
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private readonly IntegrationsDbContext db;
    private readonly WorkflowDirectory workflows;
    private readonly WorkflowRuns runs;
    private readonly StepTypes steps;
    private readonly TimeProvider clock;

    internal WorkflowAdmin(IntegrationsDbContext db, WorkflowDirectory workflows, WorkflowRuns runs, StepTypes steps, TimeProvider clock)
    {
        this.db = db;
        this.workflows = workflows;
        this.runs = runs;
        this.steps = steps;
        this.clock = clock;
    }

    public IReadOnlyList<TriggerTypeInfo> TriggerTypes { get; } =
        [.. Definitions.TriggerTypes.All.Select(t => new TriggerTypeInfo(t, TriggerLabels.Of(t), Definitions.TriggerTypes.IsRecord(t)))];

    public IReadOnlyList<ConditionOpInfo> ConditionOps { get; } =
        [.. Definitions.ConditionOps.All.Select(o => new ConditionOpInfo(o, o.Replace('_', ' '), Definitions.ConditionOps.IsUnary(o)))];

    public IReadOnlyList<StepTypeInfo> StepTypes =>
        [.. steps.All.OrderBy(t => t.Type, StringComparer.Ordinal).Select(t => new StepTypeInfo(t.Type, t.Title, t.Description, t.SafeToDryRun,
            [.. t.Fields.Select(f => new StepInputInfo(f.Name, f.Kind, f.Required, f.Description))]))];

    /// <summary>The run statuses the history filters by.</summary>
    public static IReadOnlyList<string> RunStatuses => RunStatus.All;

    public async Task<IReadOnlyList<WorkflowRow>> ListAsync(CancellationToken ct)
    {
        var items = await workflows.ListAsync(null, null, null, 500, ct);
        var ids = items.Select(i => Guid.ParseExact(i.Id.AsSpan(IdPrefixes.Workflow.Length + 1), "N")).ToList();
        var since = clock.GetUtcNow() - Day;
        var lastDay = await db.Set<WorkflowRun>().AsNoTracking().Where(r => ids.Contains(r.WorkflowId) && r.CreatedAt >= since)
            .GroupBy(r => r.WorkflowId)
            .Select(g => new
            {
                g.Key,
                Runs = g.Count(),
                Failed = g.Count(r => r.Status == RunStatus.Failed),
                Finished = g.Count(r => r.Status == RunStatus.Succeeded || r.Status == RunStatus.Failed || r.Status == RunStatus.Stopped),
            })
            .ToDictionaryAsync(s => PublicId.Format(IdPrefixes.Workflow, s.Key), ct);
        var last = await db.Set<WorkflowRun>().AsNoTracking().Where(r => ids.Contains(r.WorkflowId))
            .GroupBy(r => r.WorkflowId).Select(g => new { g.Key, At = g.Max(r => r.CreatedAt) })
            .ToDictionaryAsync(s => PublicId.Format(IdPrefixes.Workflow, s.Key), s => s.At, ct);
        return [.. items.OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase).Select(i =>
        {
            var stats = lastDay.GetValueOrDefault(i.Id);
            return new WorkflowRow(i.Id, i.Name, i.Enabled, i.Summary, i.Version, stats?.Runs ?? 0, stats?.Failed ?? 0, stats?.Finished ?? 0,
                last.TryGetValue(i.Id, out var at) ? at : null, i.UpdatedAt);
        })];
    }

    /// <summary>The enabled workflows, which the plan's limit counts.</summary>
    public Task<int> CountEnabledAsync(CancellationToken ct) => ActiveWorkflowLimit.CountAsync(db, ct);

    public async Task<WorkflowDetail?> FindAsync(string id, CancellationToken ct) =>
        await workflows.FindAsync(id, ct) is { } view ? Detail(view) : null;

    /// <summary>A new workflow from <paramref name="json"/> (enabled when its <c>enabled</c> is true), checked first.</summary>
    public async Task<WorkflowSaved> CreateAsync(JsonObject json, CancellationToken ct) => Saved(await workflows.CreateAsync(json, ct), null);

    /// <summary>Publishes <paramref name="json"/> as the workflow's next version; null when there is no such workflow.</summary>
    public async Task<WorkflowSaved?> PublishAsync(string id, JsonObject json, CancellationToken ct)
    {
        var outcome = await workflows.UpdateAsync(id, json, ct);
        return outcome == WorkflowOutcome.NotFound ? null : Saved(outcome, id);
    }

    /// <summary>The workflow after the change, or the plan's refusal; null when there is no such workflow.</summary>
    public async Task<(WorkflowDetail? Workflow, string? Refusal)?> SetEnabledAsync(string id, bool enabled, CancellationToken ct)
    {
        var outcome = await workflows.SetEnabledAsync(id, enabled, ct);
        return outcome == WorkflowOutcome.NotFound ? null : (outcome.View is { } view ? Detail(view) : null, outcome.LimitRefusal);
    }

    /// <summary>A copy of the workflow's current version, named "… (copy)" and disabled; null when there is no such workflow.</summary>
    public async Task<WorkflowSaved?> DuplicateAsync(string id, CancellationToken ct)
    {
        var outcome = await workflows.DuplicateAsync(id, ct);
        return outcome == WorkflowOutcome.NotFound ? null : Saved(outcome, null);
    }

    /// <summary>Deletes the workflow (its runs stay for their history); false when there is no such workflow.</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken ct) => workflows.DeleteAsync(id, ct);

    /// <summary>The workflow's runs, newest first, of one status when given; null when there is no such workflow.</summary>
    public async Task<IReadOnlyList<RunRow>?> RunsAsync(string workflowId, string? status, int take, CancellationToken ct) =>
        await runs.WorkflowAsync(workflowId, ct) is { } workflow
            ? [.. (await runs.ListAsync(workflow.Id, RunStatus.All.Contains(status) ? status : null, null, take, ct)).Select(Row)]
            : null;

    public async Task<RunDetail?> RunAsync(string runId, CancellationToken ct)
    {
        if (await runs.FindAsync(runId, ct) is not { } detail)
        {
            return null;
        }

        var name = (await runs.WorkflowAsync(detail.Run.WorkflowId, ct))?.Name ?? "(deleted workflow)";
        return new RunDetail(Row(detail.Run), name, detail.TriggerData?.ToJsonString(Indented), [.. detail.StepRuns.Select(s => new StepRunRow(
            s.StepId, s.Type, s.Attempt, s.Status, s.Input?.ToJsonString(Indented), s.Output?.ToJsonString(Indented), s.Error, s.StartedAt,
            s.FinishedAt, s.DurationMs))]);
    }

    /// <summary>Retries a failed run from its failed step; null when there is no such run, false when it had not failed.</summary>
    public async Task<bool?> RetryAsync(string runId, CancellationToken ct) =>
        await runs.RetryAsync(runId, ct) is ({ }, var retried) ? retried : null;

    /// <summary>A new run with the run's trigger data on the latest version: its id, or null when there is no such run.</summary>
    public async Task<string?> RerunAsync(string runId, CancellationToken ct) => (await runs.RerunAsync(runId, ct))?.Id;

    /// <summary>Runs the workflow now on the record: the new run's id, or why not; null when there is no such workflow.</summary>
    public async Task<(string? RunId, string? Error)?> StartAsync(string workflowId, string? recordId, CancellationToken ct)
    {
        if (await runs.WorkflowAsync(workflowId, ct) is not { } workflow)
        {
            return null;
        }

        var (run, error) = await runs.StartAsync(workflow, string.IsNullOrWhiteSpace(recordId) ? null : recordId.Trim(), ct);
        return (run?.Id, error);
    }

    /// <summary>The enabled workflows run by hand on records of <paramref name="objectName"/> (a record page's "Run workflow").</summary>
    public async Task<IReadOnlyList<ManualWorkflow>> ManualWorkflowsAsync(string objectName, CancellationToken ct) =>
        [.. (await db.Set<Workflow>().AsNoTracking()
                .Where(w => w.Enabled && w.DeletedAt == null && w.TriggerType == Definitions.TriggerTypes.Manual && w.TriggerKey == objectName)
                .OrderBy(w => w.Name).Take(100).ToListAsync(ct))
            .Select(w => new ManualWorkflow(PublicId.Format(IdPrefixes.Workflow, w.Id), w.Name))];

    private static WorkflowSaved Saved(WorkflowOutcome outcome, string? id) => outcome switch
    {
        { View: { } view } => new WorkflowSaved(view["id"]!.GetValue<string>(), view["version"]!.GetValue<int>(), new Dictionary<string, string[]>()),
        { LimitRefusal: { } refusal } => new WorkflowSaved(id, 0, new Dictionary<string, string[]> { ["enabled"] = [refusal] }),
        _ => new WorkflowSaved(id, 0, outcome.Errors ?? []),
    };

    private static WorkflowDetail Detail(JsonObject view)
    {
        var definition = new JsonObject();
        foreach (var name in WorkflowRules.DefinitionProperties.Where(view.ContainsKey))
        {
            definition[name] = view[name]?.DeepClone();
        }

        var trigger = WorkflowJson.ReadTrigger(definition["trigger"] as JsonObject ?? []);
        return new WorkflowDetail(view["id"]!.GetValue<string>(), view["name"]?.GetValue<string>() ?? "", view["enabled"]!.GetValue<bool>(),
            view["version"]!.GetValue<int>(), TriggerLabels.Summary(view["summary"]?.GetValue<string>() ?? trigger.Type, trigger), trigger.Type,
            trigger.Object, definition.ToJsonString(Indented), view["updated_at"]!.GetValue<DateTimeOffset>());
    }

    private static RunRow Row(RunView r) => new(r.Id, r.WorkflowId, r.Version, r.Status, r.TriggerType, r.RecordObject, r.RecordId, r.CurrentStepId,
        r.Attempts, r.Error, r.CreatedAt, r.FinishedAt);
}
