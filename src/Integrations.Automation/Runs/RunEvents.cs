using System.Text.Json;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Automation.Runs;

/// <summary>The <c>workflow.run.failed</c> and <c>workflow.run.stopped</c> events a run publishes when it ends so.</summary>
internal static class RunEvents
{
    public static EventRecord Ended(EventType type, Guid runId, Guid workflowId, string workflowName, int version, string triggerType,
        string? recordId, string? stepId, string? error) =>
        new(type, new Utf8Json(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["run_id"] = PublicId.Format(IdPrefixes.WorkflowRun, runId),
            ["workflow_id"] = PublicId.Format(IdPrefixes.Workflow, workflowId),
            ["workflow_name"] = workflowName,
            ["version"] = version,
            ["trigger_type"] = triggerType,
            ["record_id"] = recordId,
            ["step_id"] = stepId,
            ["error"] = error,
        })));
}
