using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Signing;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Automation.Workflows;

/// <summary>
/// Writes workflows: a new one with its version 1, or a new version of one (the workflow row then points at it). The
/// JSON must have been checked (<c>WorkflowRules</c>); this does not check it again. Saves in the caller's transaction.
/// </summary>
internal sealed class WorkflowStore(IntegrationsDbContext db, Caller caller, TimeProvider clock, WorkflowSecrets secrets)
{
    /// <summary>A new workflow and its version 1, with its new <c>whsec_</c> secret, to show once.</summary>
    public async Task<(Workflow Workflow, string SigningSecret)> CreateAsync(JsonObject json, bool enabled, CancellationToken ct)
    {
        var secret = StandardWebhooks.NewSecret();
        var definition = WorkflowJson.Read(json);
        var now = clock.GetUtcNow();
        var workflow = new Workflow
        {
            Id = PublicId.NewId(clock),
            WorkspaceId = caller.WorkspaceId,
            Name = definition.Name,
            Enabled = enabled,
            TriggerType = definition.Trigger.Type,
            SigningSecretCiphertext = secrets.Protect(secret),
            CreatedBy = caller.ActorName,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(workflow);
        AddVersion(workflow, definition, now);
        await db.SaveChangesAsync(ct);
        return (workflow, secret);
    }

    public async Task<WorkflowVersion> PublishAsync(Workflow workflow, JsonObject json, CancellationToken ct)
    {
        var definition = WorkflowJson.Read(json);
        var now = clock.GetUtcNow();
        var version = AddVersion(workflow, definition, now);
        await db.SaveChangesAsync(ct);
        return version;
    }

    public Task<WorkflowVersion?> VersionAsync(Guid workflowId, int version, CancellationToken ct) =>
        db.Set<WorkflowVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.WorkflowId == workflowId && v.Version == version, ct);

    private WorkflowVersion AddVersion(Workflow workflow, WorkflowDefinition definition, DateTimeOffset now)
    {
        workflow.Version++;
        workflow.Name = definition.Name;
        workflow.TriggerType = definition.Trigger.Type;
        workflow.TriggerKey = definition.Trigger.Object ?? definition.Trigger.Event;
        workflow.UpdatedAt = now;
        var version = new WorkflowVersion
        {
            WorkflowId = workflow.Id,
            Version = workflow.Version,
            WorkspaceId = workflow.WorkspaceId,
            Definition = definition.Json.ToJsonString(),
            CreatedBy = caller.ActorName,
            CreatedAt = now,
        };
        db.Add(version);
        return version;
    }
}
