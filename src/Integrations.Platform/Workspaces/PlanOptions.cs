namespace Integrations.Platform.Workspaces;

/// <summary>Per-plan limits, bound from <c>Sentinel:Plans:{Plan}</c>.</summary>
public sealed class PlanOptions
{
    public const string Section = "Sentinel:Plans";

    public PlanLimits Starter { get; set; } = new() { MaxRecords = 10_000, RequestsPerMinute = 60, ImportRows = 10_000, ActiveWorkflows = 5 };
    public PlanLimits Growth { get; set; } = new() { MaxRecords = 250_000, RequestsPerMinute = 600, ImportRows = 100_000, ActiveWorkflows = 50 };
    public PlanLimits Scale { get; set; } = new() { MaxRecords = 10_000_000, RequestsPerMinute = 6_000, ImportRows = 1_000_000, ActiveWorkflows = 500 };

    public PlanLimits For(Plan plan) => plan switch
    {
        Plan.Starter => Starter,
        Plan.Growth => Growth,
        _ => Scale,
    };
}
