using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Automation.Definitions;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Automation.Workflows;

/// <summary>The caller's workspace's workflows, as the API reads and changes them: checked, versioned, audited, and held
/// to the plan's limit on enabled workflows. A deleted workflow is not found.</summary>
internal sealed class WorkflowDirectory(
    IntegrationsDbContext db, Caller caller, TimeProvider clock, WorkflowRules rules, WorkflowStore store,
    ActiveWorkflowLimit limit, AppConnections connections, AuditTrail audit)
{
    public async Task<IReadOnlyList<WorkflowListItem>> ListAsync(bool? enabled, string? trigger, Guid? before, int take, CancellationToken ct)
    {
        var query = db.Set<Workflow>().AsNoTracking().Where(w => w.DeletedAt == null);
        query = enabled is { } on ? query.Where(w => w.Enabled == on) : query;
        query = trigger is null ? query : query.Where(w => w.TriggerType == trigger);
        query = before is { } cursor ? query.Where(w => w.Id < cursor) : query;
        var workflows = await query.OrderByDescending(w => w.Id).Take(take).ToListAsync(ct);
        var ids = workflows.Select(w => w.Id).ToList();
        var versions = await db.Set<WorkflowVersion>().AsNoTracking()
            .Where(v => ids.Contains(v.WorkflowId)).Join(db.Set<Workflow>(), v => new { v.WorkflowId, v.Version }, w => new { WorkflowId = w.Id, w.Version }, (v, _) => v)
            .ToDictionaryAsync(v => v.WorkflowId, ct);
        return [.. workflows.Select(w => Item(w, WorkflowJson.ReadTrigger(Definition(versions[w.Id])["trigger"] as JsonObject ?? [])))];
    }

    public async Task<JsonObject?> FindAsync(string id, CancellationToken ct) =>
        await FindEntityAsync(id, ct) is { } workflow ? await ViewAsync(workflow, ct) : null;

    public async Task<WorkflowOutcome> CreateAsync(JsonObject? json, CancellationToken ct)
    {
        if (await CheckAsync(json, ct) is { Count: > 0 } errors)
        {
            return WorkflowOutcome.Invalid(errors);
        }

        var enabled = json!["enabled"]?.GetValue<bool>() ?? false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (enabled && await limit.RefusalAsync(caller.WorkspaceId, ct) is { } refusal)
        {
            return WorkflowOutcome.Refused(refusal);
        }

        var (workflow, secret) = await store.CreateAsync(DefinitionOf(json), enabled, ct);
        Audit("workflow.created", workflow, new { workflow.Name, workflow.Version, workflow.Enabled, workflow.TriggerType });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var view = await ViewAsync(workflow, ct);
        view["signing_secret"] = secret;
        return new WorkflowOutcome(view);
    }

    /// <summary>Publishes the JSON as a new version unless it is the current one; <c>enabled</c>, when given, is applied.</summary>
    public async Task<WorkflowOutcome> UpdateAsync(string id, JsonObject? json, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } workflow)
        {
            return WorkflowOutcome.NotFound;
        }

        if (await CheckAsync(json, ct) is { Count: > 0 } errors)
        {
            return WorkflowOutcome.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (json!["enabled"]?.GetValue<bool>() is { } enabled && enabled != workflow.Enabled)
        {
            if (enabled && await limit.RefusalAsync(caller.WorkspaceId, ct) is { } refusal)
            {
                return WorkflowOutcome.Refused(refusal);
            }

            workflow.Enabled = enabled;
            Audit(enabled ? "workflow.enabled" : "workflow.disabled", workflow, new { workflow.Name });
        }

        var definition = DefinitionOf(json);
        var current = await store.VersionAsync(workflow.Id, workflow.Version, ct);
        if (current is null || !JsonNode.DeepEquals(Definition(current), definition))
        {
            await store.PublishAsync(workflow, definition, ct);
            Audit("workflow.updated", workflow, new { workflow.Name, workflow.Version, workflow.TriggerType });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new WorkflowOutcome(await ViewAsync(workflow, ct));
    }

    public async Task<WorkflowOutcome> SetEnabledAsync(string id, bool enabled, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } workflow)
        {
            return WorkflowOutcome.NotFound;
        }

        if (workflow.Enabled != enabled)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (enabled && await limit.RefusalAsync(caller.WorkspaceId, ct) is { } refusal)
            {
                return WorkflowOutcome.Refused(refusal);
            }

            workflow.Enabled = enabled;
            workflow.UpdatedAt = clock.GetUtcNow();
            Audit(enabled ? "workflow.enabled" : "workflow.disabled", workflow, new { workflow.Name });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return new WorkflowOutcome(await ViewAsync(workflow, ct));
    }

    /// <summary>A disabled copy named "… (copy)", with its own secret (shown once in the answer).</summary>
    public async Task<WorkflowOutcome> DuplicateAsync(string id, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } original || await store.VersionAsync(original.Id, original.Version, ct) is not { } version)
        {
            return WorkflowOutcome.NotFound;
        }

        var definition = Definition(version);
        var name = $"{original.Name} (copy)";
        definition["name"] = name.Length <= WorkflowRules.MaxNameLength ? name : name[^WorkflowRules.MaxNameLength..];
        var (copy, secret) = await store.CreateAsync(definition, enabled: false, ct);
        Audit("workflow.created", copy,
            new { copy.Name, copy.Version, copy.Enabled, copy.TriggerType, DuplicatedFrom = PublicId.Format(IdPrefixes.Workflow, original.Id) });
        await db.SaveChangesAsync(ct);
        var view = await ViewAsync(copy, ct);
        view["signing_secret"] = secret;
        return new WorkflowOutcome(view);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } workflow)
        {
            return false;
        }

        workflow.DeletedAt = clock.GetUtcNow();
        workflow.Enabled = false;
        workflow.UpdatedAt = workflow.DeletedAt.Value;
        Audit("workflow.deleted", workflow, new { workflow.Name, workflow.Version });
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<WorkflowVersionItem>?> VersionsAsync(string id, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } workflow)
        {
            return null;
        }

        var versions = await db.Set<WorkflowVersion>().AsNoTracking().Where(v => v.WorkflowId == workflow.Id)
            .OrderByDescending(v => v.Version).ToListAsync(ct);
        return [.. versions.Select(v => new WorkflowVersionItem(v.Version, Definition(v)["name"]?.GetValue<string>() ?? "", v.CreatedBy, v.CreatedAt))];
    }

    public async Task<JsonObject?> VersionAsync(string id, int number, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } workflow || await store.VersionAsync(workflow.Id, number, ct) is not { } version)
        {
            return null;
        }

        return new JsonObject
        {
            ["workflow_id"] = id,
            ["version"] = version.Version,
            ["current"] = version.Version == workflow.Version,
            ["created_by"] = version.CreatedBy,
            ["created_at"] = version.CreatedAt,
            ["definition"] = Definition(version),
        };
    }

    /// <summary>The rules, then what needs the database: a named connection exists here and is of the event's app.</summary>
    private async Task<Dictionary<string, string[]>> CheckAsync(JsonObject? json, CancellationToken ct)
    {
        var errors = rules.Check(json);
        if (errors.Count > 0 || WorkflowJson.ReadTrigger(json!["trigger"]!.AsObject()) is not { ConnectionId: { } connectionId } trigger)
        {
            return errors;
        }

        var connection = await connections.FindAsync(connectionId, ct);
        if (connection is null)
        {
            errors["trigger.connection_id"] = [$"No connection with id '{connectionId}' exists in this workspace."];
        }
        else if (trigger.Event is { } name && connection.AppId != TriggerEvents.AppOf(name))
        {
            errors["trigger.connection_id"] = [$"{connectionId} is a {connection.AppId} connection; {name} comes from {TriggerEvents.AppOf(name)}."];
        }

        return errors;
    }

    private async Task<JsonObject> ViewAsync(Workflow workflow, CancellationToken ct)
    {
        var version = await store.VersionAsync(workflow.Id, workflow.Version, ct)
            ?? throw new InvalidOperationException("A workflow's current version is missing.");
        var definition = Definition(version);
        var view = new JsonObject { ["id"] = PublicId.Format(IdPrefixes.Workflow, workflow.Id) };
        foreach (var name in WorkflowRules.DefinitionProperties.Where(definition.ContainsKey))
        {
            view[name] = definition[name]?.DeepClone();
        }

        view["enabled"] = workflow.Enabled;
        view["version"] = workflow.Version;
        view["summary"] = TriggerSummary.Describe(WorkflowJson.ReadTrigger(definition["trigger"] as JsonObject ?? []));
        view["created_by"] = workflow.CreatedBy;
        view["created_at"] = workflow.CreatedAt;
        view["updated_at"] = workflow.UpdatedAt;
        return view;
    }

    private static WorkflowListItem Item(Workflow w, TriggerDefinition trigger) => new(
        PublicId.Format(IdPrefixes.Workflow, w.Id), w.Name, w.Enabled, w.Version, w.TriggerType, TriggerSummary.Describe(trigger), w.CreatedAt, w.UpdatedAt);

    /// <summary>Only what a version stores: a GET's id, version, enabled… are dropped.</summary>
    private static JsonObject DefinitionOf(JsonObject json)
    {
        var definition = new JsonObject();
        foreach (var name in WorkflowRules.DefinitionProperties)
        {
            if (json.TryGetPropertyValue(name, out var value))
            {
                definition[name] = value?.DeepClone();
            }
        }

        return definition;
    }

    private static JsonObject Definition(WorkflowVersion version) => JsonNode.Parse(version.Definition)!.AsObject();

    private void Audit(string action, Workflow workflow, object changes) =>
        audit.Add(action, "workflow", PublicId.Format(IdPrefixes.Workflow, workflow.Id), changes);

    private async Task<Workflow?> FindEntityAsync(string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Workflow, id, out var workflowId)
            ? await db.Set<Workflow>().FirstOrDefaultAsync(w => w.Id == workflowId && w.DeletedAt == null, ct)
            : null;
}
