using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;
using Integrations.Automation.Workflows;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Automation.Steps;

/// <summary>One test's workspace and workflow: arranges records as a user would, and runs one step the way the executor
/// does (a scope whose caller acts as the workflow, a <see cref="StepContext"/> with the run's data).</summary>
internal sealed class StepsWorkspace(ClockedSentinelApp app, Guid workspaceId, Guid workflowId, string secret)
{
    /// <summary>A workflow triggered by <paramref name="trigger"/> (default: contact created) in a new workspace, or in
    /// <paramref name="workspaceId"/> (where a test connected an app).</summary>
    public static async Task<StepsWorkspace> CreateAsync(ClockedSentinelApp app, JsonObject? trigger = null, Guid? workspaceId = null)
    {
        await using var scope = app.Scope();
        var id = workspaceId ?? (await scope.ServiceProvider.ActInNewWorkspaceAsync()).Id;
        scope.ServiceProvider.GetRequiredService<Caller>().Act(id, ActorType.User, "test-user", "Test User", ChangeSource.Ui);
        var json = new JsonObject
        {
            ["name"] = "Steps under test",
            ["trigger"] = trigger ?? new JsonObject { ["type"] = "record.created", ["object"] = "contact" },
            ["steps"] = new JsonArray(),
        };
        var (workflow, secret) = await scope.ServiceProvider.GetRequiredService<WorkflowStore>().CreateAsync(json, enabled: true, CancellationToken.None);
        return new StepsWorkspace(app, id, workflow.Id, secret);
    }

    public Guid WorkspaceId { get; } = workspaceId;
    public Guid WorkflowId { get; } = workflowId;
    public string WorkflowPublicId => PublicId.Format(IdPrefixes.Workflow, WorkflowId);
    public string Secret { get; } = secret;

    public async Task<JsonObject> CreateRecordAsync(RecordType type, JsonObject fields)
    {
        await using var scope = UserScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<RecordPipeline>().CreateAsync(type, fields, CancellationToken.None);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.Select(e => e.Message)));
        return outcome.Record!;
    }

    public async Task<JsonObject?> ReadRecordAsync(RecordType type, string id)
    {
        Assert.True(PublicId.TryParse(type.Prefix, id, out var key));
        await using var scope = UserScope();
        return await scope.ServiceProvider.GetRequiredService<RecordReader>().GetAsync(type, key, CancellationToken.None);
    }

    public async Task<List<AuditEntry>> AuditAsync(string objectId)
    {
        await using var scope = UserScope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AuditEntry>()
            .Where(a => a.ObjectId == objectId).OrderBy(a => a.OccurredAt).ToListAsync();
    }

    public async Task<StoredEvent?> EventAsync(string publicId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Event, publicId, out var id));
        await using var scope = UserScope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().FirstOrDefaultAsync(e => e.Id == id);
    }

    /// <summary>Runs <paramref name="step"/> (one step's JSON) over <paramref name="data"/> as the workflow.</summary>
    public async Task<StepOutcome> RunAsync(JsonObject step, JsonObject data, bool dryRun = false, string? idempotencyKey = null)
    {
        var definition = WorkflowJson.Read(new JsonObject { ["name"] = "x", ["steps"] = new JsonArray(step.DeepClone()) }).Steps[0];
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().Act(WorkspaceId, ActorType.System, WorkflowPublicId, "Steps under test", ChangeSource.System);
        var type = scope.ServiceProvider.GetRequiredService<StepTypes>().Find(definition.Type);
        Assert.NotNull(type);
        var runId = PublicId.NewId(app.Clock);
        return await type.RunAsync(new StepContext
        {
            Step = definition,
            Data = data,
            RunId = runId,
            WorkflowId = WorkflowId,
            IdempotencyKey = idempotencyKey ?? $"{PublicId.Format(IdPrefixes.WorkflowRun, runId)}.{definition.Id}.1",
            DryRun = dryRun,
            Services = scope.ServiceProvider,
        }, CancellationToken.None);
    }

    private AsyncServiceScope UserScope()
    {
        var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().Act(WorkspaceId, ActorType.User, "test-user", "Test User", ChangeSource.Ui);
        return scope;
    }
}
