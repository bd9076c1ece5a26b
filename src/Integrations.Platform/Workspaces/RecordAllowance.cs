namespace Integrations.Platform.Workspaces;

/// <summary>Whether a change fits the workspace's plan; when it does not, the numbers to explain why.</summary>
public sealed record RecordAllowance(bool Allowed, long Current, Plan? Plan = null, long? Limit = null)
{
    public static RecordAllowance Granted(long current) => new(true, current);
}
