using System.Security.Claims;

namespace Integrations.Platform.Callers;

/// <summary>
/// Who is acting, for which workspace, from where. One per request or background job; the DbContext
/// filters every workspace-scoped query by <see cref="WorkspaceId"/>.
/// </summary>
public sealed class Caller
{
    public Guid WorkspaceId { get; private set; }
    public ActorType ActorType { get; private set; }
    public string ActorId { get; private set; } = "system";
    public string ActorName { get; private set; } = "system";
    public ChangeSource Source { get; private set; }

    /// <summary>The workflow run this caller acts as, when it is one; changes it makes start runs one level deeper,
    /// and do not start its own workflow again unless the workflow asks to be.</summary>
    public RunCausation? Causation { get; private set; }

    public bool IsKnown => WorkspaceId != Guid.Empty;

    public void Act(Guid workspaceId, ActorType type, string actorId, string actorName, ChangeSource source)
    {
        WorkspaceId = workspaceId;
        ActorType = type;
        ActorId = actorId;
        ActorName = actorName;
        Source = source;
        Causation = null;
    }

    /// <summary>Acts as a workflow run: audited as "workflow {name}", its changes carry <paramref name="causation"/>.</summary>
    public void ActAsWorkflowRun(Guid workspaceId, RunCausation causation, string workflowActorId, string workflowName)
    {
        Act(workspaceId, ActorType.Workflow, workflowActorId, $"workflow {workflowName}", ChangeSource.Workflow);
        Causation = causation;
    }

    public void ActAsSystem(Guid workspaceId, ChangeSource source = ChangeSource.System) =>
        Act(workspaceId, ActorType.System, "system", "system", source);

    /// <summary>Takes the caller from an authenticated principal; leaves it unknown for anonymous ones.</summary>
    public void ActFor(ClaimsPrincipal principal, ChangeSource source)
    {
        if (!Guid.TryParse(principal.FindFirstValue(CallerClaims.WorkspaceId), out var workspaceId)
            || !Enum.TryParse<ActorType>(principal.FindFirstValue(CallerClaims.ActorType), out var type))
        {
            return;
        }

        Act(workspaceId, type,
            principal.FindFirstValue(CallerClaims.ActorId) ?? "unknown",
            principal.FindFirstValue(CallerClaims.ActorName) ?? "unknown",
            source);
    }
}
