namespace Integrations.Platform.Workspaces;

public sealed class PlanLimits
{
    public long MaxRecords { get; set; }
    public int RequestsPerMinute { get; set; }
    public int ImportRows { get; set; }

    /// <summary>How many workflows may be enabled at once.</summary>
    public int ActiveWorkflows { get; set; }
}
