namespace Integrations.Automation.Runs;

/// <summary>Bound from <c>Sentinel:Automation</c>: how the run executor claims and retries.</summary>
internal sealed class AutomationOptions
{
    public const string Section = "Sentinel:Automation";

    /// <summary>Run the executor in this instance (off for test classes that only look at the runs written).</summary>
    public bool Executor { get; set; } = true;

    /// <summary>The most runs one claim takes.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>The most runs this instance works on at once.</summary>
    public int MaxInFlight { get; set; } = 256;

    /// <summary>How long a claimed run stays with its executor unless renewed (<see cref="RunLeases"/> renews it every
    /// third of this while the run is worked on); a crashed instance's runs are claimed again after.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>The executor looks for due runs at least this often (delays and retries fall due silently).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts a step gets before its run fails.</summary>
    public int MaxAttempts { get; set; } = 5;
}
