namespace Integrations.Platform.Callers;

/// <summary>Claims every authenticated principal carries, whether a signed-in admin or an API key.</summary>
public static class CallerClaims
{
    public const string WorkspaceId = "sentinel:workspace";
    public const string ActorType = "sentinel:actor_type";
    public const string ActorId = "sentinel:actor_id";
    public const string ActorName = "sentinel:actor_name";
    public const string Scope = "scope";
}
