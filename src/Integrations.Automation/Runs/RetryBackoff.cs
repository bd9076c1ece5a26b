namespace Integrations.Automation.Runs;

/// <summary>How long a failed step waits before its next attempt: 30 s, 2 min, 10 min, 1 h, then 1 h; never sooner
/// than the provider asked (<c>Retry-After</c>).</summary>
internal static class RetryBackoff
{
    private static readonly TimeSpan[] Delays =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];

    /// <param name="attempt">The attempt that just failed, from 1.</param>
    public static TimeSpan After(int attempt, TimeSpan? retryAfter)
    {
        var delay = Delays[Math.Clamp(attempt - 1, 0, Delays.Length - 1)];
        return retryAfter is { } asked && asked > delay ? asked : delay;
    }
}
