namespace Integrations.Automation.Runs;

/// <summary>A run's status: <c>running</c> (due, or being worked on), <c>waiting</c> (a delay), and how it ended.</summary>
internal static class RunStatus
{
    public const string Running = "running";
    public const string Waiting = "waiting";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Stopped = "stopped";

    public static readonly IReadOnlyList<string> All = [Running, Waiting, Succeeded, Failed, Stopped];
}

/// <summary>A step run's status.</summary>
internal static class StepRunStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
