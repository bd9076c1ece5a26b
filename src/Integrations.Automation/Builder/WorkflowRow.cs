namespace Integrations.Automation.Builder;

/// <summary>A workflow as the <c>/automation</c> list shows it: what starts it in words, its current version, and its
/// last 24 hours (runs started, runs failed of those finished) and when it last ran.</summary>
public sealed record WorkflowRow(
    string Id,
    string Name,
    bool Enabled,
    string Trigger,
    int Version,
    int RunsLastDay,
    int FailedLastDay,
    int FinishedLastDay,
    DateTimeOffset? LastRunAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Failed runs of the finished ones in the last 24 h (0 to 1), or null when none finished.</summary>
    public double? FailureRate => FinishedLastDay == 0 ? null : (double)FailedLastDay / FinishedLastDay;
}
