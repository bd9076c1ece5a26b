using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Automation.Workflows;
using Integrations.Platform.Audit;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Integrations.Platform.Data;

namespace Integrations.Automation.Builder;

/// <summary>The page's writes of workflows, after <see cref="WorkflowRules"/> (the API's checks), each audited as the
/// workflow (<c>workflow.created</c>, <c>workflow.updated</c>, <c>workflow.enabled</c>…).</summary>
internal sealed class WorkflowEditor(IntegrationsDbContext db, WorkflowStore store, WorkflowRules rules, AuditTrail audit, TimeProvider clock)
{
    public Task<Dictionary<string, string[]>> CheckAsync(JsonObject json, CancellationToken ct)
    {
        _ = ct;
        return Task.FromResult(rules.Check(json));
    }

    public async Task<Workflow> CreateAsync(JsonObject json, CancellationToken ct)
    {
        var enabled = Enabled(json) ?? false;
        var (workflow, _) = await store.CreateAsync(Definition(json), enabled, ct);
        Audit("workflow.created", workflow, new { workflow.Name, workflow.Enabled, workflow.Version });
        await db.SaveChangesAsync(ct);
        return workflow;
    }

    public async Task PublishAsync(Workflow workflow, JsonObject json, CancellationToken ct)
    {
        if (Enabled(json) is { } enabled)
        {
            workflow.Enabled = enabled;
        }

        await store.PublishAsync(workflow, Definition(json), ct);
        Audit("workflow.updated", workflow, new { workflow.Name, workflow.Enabled, workflow.Version });
        await db.SaveChangesAsync(ct);
    }

    public async Task<Dictionary<string, string[]>> SetEnabledAsync(Workflow workflow, bool enabled, CancellationToken ct)
    {
        if (workflow.Enabled != enabled)
        {
            workflow.Enabled = enabled;
            workflow.UpdatedAt = clock.GetUtcNow();
            Audit(enabled ? "workflow.enabled" : "workflow.disabled", workflow, new { workflow.Name, workflow.Version });
            await db.SaveChangesAsync(ct);
        }

        return [];
    }

    public async Task DeleteAsync(Workflow workflow, CancellationToken ct)
    {
        workflow.DeletedAt = clock.GetUtcNow();
        workflow.Enabled = false;
        Audit("workflow.deleted", workflow, new { workflow.Name, workflow.Version });
        await db.SaveChangesAsync(ct);
    }

    private static bool? Enabled(JsonObject json) =>
        json["enabled"] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    /// <summary>What a version stores: the definition without what a GET adds around it (<c>enabled</c>, <c>id</c>…).</summary>
    private static JsonObject Definition(JsonObject json)
    {
        var definition = new JsonObject();
        foreach (var (name, value) in json)
        {
            if (WorkflowRules.DefinitionProperties.Contains(name))
            {
                definition[name] = value?.DeepClone();
            }
        }

        return definition;
    }

    private void Audit(string action, Workflow workflow, object changes) =>
        audit.Add(action, "workflow", PublicId.Format(IdPrefixes.Workflow, workflow.Id), changes);
}
