namespace Integrations.Platform.Workspaces;

public enum Plan
{
    Starter,
    Growth,
    Scale,
}
