namespace Integrations.Platform.Callers;

public enum ActorType
{
    System,
    User,
    ApiKey,
}
