namespace Integrations.Platform.Callers;

public enum ActorType
{
    System,
    User,
    ApiKey,

    /// <summary>A workflow run acting on its own (its steps' record changes); see <see cref="Caller.Causation"/>.</summary>
    Workflow,
}
