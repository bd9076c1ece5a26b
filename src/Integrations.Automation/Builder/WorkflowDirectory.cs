using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;
using Integrations.Automation.Workflows;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Automation.Builder;

/// <summary>
/// The workflows of the caller's workspace as the <c>/automation</c> pages use them: listed with their last day of runs,
/// read, saved from the builder's JSON after the same checks the API makes (a save publishes a new version), enabled,
/// disabled, duplicated and deleted; and what the builder offers (trigger types, operators, step types).
/// </summary>
public sealed class WorkflowDirectory
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly IntegrationsDbContext db;
    private readonly WorkflowStore store;
    private readonly WorkflowEditor editor;
    private readonly StepTypes steps;

    internal WorkflowDirectory(IntegrationsDbContext db, WorkflowStore store, WorkflowEditor editor, StepTypes steps)
    {
        this.db = db;
        this.store = store;
        this.editor = editor;
        this.steps = steps;
    }

    public IReadOnlyList<TriggerTypeInfo> TriggerTypes { get; } =
        [.. Definitions.TriggerTypes.All.Select(t => new TriggerTypeInfo(t, TriggerSummary.Label(t), Definitions.TriggerTypes.IsRecord(t)))];

    public IReadOnlyList<ConditionOpInfo> ConditionOps { get; } =
        [.. Definitions.ConditionOps.All.Select(o => new ConditionOpInfo(o, o.Replace('_', ' '), Definitions.ConditionOps.IsUnary(o)))];

    public IReadOnlyList<StepTypeInfo> StepTypes =>
        [.. steps.All.OrderBy(t => t.Type, StringComparer.Ordinal).Select(t => new StepTypeInfo(t.Type, t.Title, t.Description, t.SafeToDryRun,
            [.. t.Fields.Select(f => new StepInput(f.Name, f.Kind, f.Required, f.Description))]))];

    public async Task<IReadOnlyList<WorkflowRow>> ListAsync(CancellationToken ct)
    {
        var workflows = await db.Set<Workflow>().AsNoTracking().Where(w => w.DeletedAt == null).OrderBy(w => w.Name).ThenBy(w => w.Id).ToListAsync(ct);
        var ids = workflows.Select(w => w.Id).ToList();
        var definitions = await db.Set<WorkflowVersion>().AsNoTracking()
            .Where(v => ids.Contains(v.WorkflowId))
            .Join(db.Set<Workflow>(), v => new { v.WorkflowId, v.Version }, w => new { WorkflowId = w.Id, w.Version }, (v, _) => v)
            .ToDictionaryAsync(v => v.WorkflowId, v => v.Definition, ct);
        return [.. workflows.Select(w => new WorkflowRow(
            Format(w.Id), w.Name, w.Enabled, Summary(definitions.GetValueOrDefault(w.Id)), w.Version, 0, 0, 0, null, w.UpdatedAt))];
    }

    public async Task<WorkflowDetail?> FindAsync(string id, CancellationToken ct) =>
        await WorkflowAsync(id, ct) is { } workflow ? await DetailAsync(workflow, ct) : null;

    /// <summary>A new workflow from <paramref name="json"/> (enabled when its <c>enabled</c> is true), checked first.</summary>
    public async Task<WorkflowSaved> CreateAsync(JsonObject json, CancellationToken ct)
    {
        var errors = await editor.CheckAsync(json, ct);
        if (errors.Count > 0)
        {
            return new WorkflowSaved(null, 0, errors);
        }

        var workflow = await editor.CreateAsync(json, ct);
        return new WorkflowSaved(Format(workflow.Id), workflow.Version, errors);
    }

    /// <summary>Publishes <paramref name="json"/> as the workflow's next version; null when there is no such workflow.</summary>
    public async Task<WorkflowSaved?> PublishAsync(string id, JsonObject json, CancellationToken ct)
    {
        if (await WorkflowAsync(id, ct) is not { } workflow)
        {
            return null;
        }

        var errors = await editor.CheckAsync(json, ct);
        if (errors.Count > 0)
        {
            return new WorkflowSaved(id, workflow.Version, errors);
        }

        await editor.PublishAsync(workflow, json, ct);
        return new WorkflowSaved(id, workflow.Version, errors);
    }

    public async Task<WorkflowDetail?> SetEnabledAsync(string id, bool enabled, CancellationToken ct)
    {
        if (await WorkflowAsync(id, ct) is not { } workflow)
        {
            return null;
        }

        var errors = await editor.SetEnabledAsync(workflow, enabled, ct);
        return errors.Count > 0 ? null : await DetailAsync(workflow, ct);
    }

    /// <summary>A copy of the workflow's current version, named "… (copy)" and disabled.</summary>
    public async Task<WorkflowSaved?> DuplicateAsync(string id, CancellationToken ct)
    {
        if (await WorkflowAsync(id, ct) is not { } workflow || await store.VersionAsync(workflow.Id, workflow.Version, ct) is not { } version)
        {
            return null;
        }

        var json = JsonNode.Parse(version.Definition)!.AsObject();
        json["name"] = Copied(workflow.Name);
        json["enabled"] = false;
        return await CreateAsync(json, ct);
    }

    /// <summary>Deletes the workflow (its row and runs stay for their history); false when there is no such workflow.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken ct)
    {
        if (await WorkflowAsync(id, ct) is not { } workflow)
        {
            return false;
        }

        await editor.DeleteAsync(workflow, ct);
        return true;
    }

    private async Task<WorkflowDetail> DetailAsync(Workflow workflow, CancellationToken ct)
    {
        var version = await store.VersionAsync(workflow.Id, workflow.Version, ct);
        var json = JsonNode.Parse(version?.Definition ?? "{}")!.AsObject();
        var trigger = WorkflowJson.Read(json).Trigger;
        return new WorkflowDetail(Format(workflow.Id), workflow.Name, workflow.Enabled, workflow.Version, TriggerSummary.Of(trigger),
            trigger.Type, trigger.Object, json.ToJsonString(Indented), workflow.UpdatedAt);
    }

    private async Task<Workflow?> WorkflowAsync(string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Workflow, id, out var workflowId)
            ? await db.Set<Workflow>().FirstOrDefaultAsync(w => w.Id == workflowId && w.DeletedAt == null, ct)
            : null;

    private static string Summary(string? definition) =>
        definition is null ? "" : TriggerSummary.Of(WorkflowJson.Read(JsonNode.Parse(definition)!.AsObject()).Trigger);

    private static string Copied(string name) => name.Length > 190 ? name[..190] + " (copy)" : name + " (copy)";

    private static string Format(Guid id) => PublicId.Format(IdPrefixes.Workflow, id);

}
