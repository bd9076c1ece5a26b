namespace Integrations.Automation.Definitions;

/// <summary>
/// What keeps a workflow from running away (its JSON's <c>settings</c>): its own record changes do not trigger it again
/// unless <see cref="TriggerOnOwnChanges"/>; at most <see cref="MaxRunsPerMinute"/> runs start a minute (more wait
/// their turn, queued for the minutes after: none is skipped); a chain of runs that trigger runs stops at <see cref="WorkflowLimits.MaxDepth"/>.
/// </summary>
internal sealed record WorkflowGuards(bool TriggerOnOwnChanges = false, int MaxRunsPerMinute = WorkflowLimits.DefaultRunsPerMinute);

internal static class WorkflowLimits
{
    public const int DefaultRunsPerMinute = 6000;
    public const int MaxRunsPerMinuteCeiling = 600_000;

    /// <summary>How deep a chain of runs may go (a run's step changes a record that starts a run…) before it is stopped.</summary>
    public const int MaxDepth = 5;
}
