namespace Integrations.Inbound.Connectors.Running;

/// <summary>How long scheduled runs pause after the remote failed: 1, 2, 4 … minutes up to an hour, or longer when
/// the remote's <c>Retry-After</c> asks for more (at most a day).</summary>
internal static class BackOff
{
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(60);
    private static readonly TimeSpan RetryAfterCap = TimeSpan.FromDays(1);

    /// <param name="failures">Consecutive failed runs, this one included (1 for the first).</param>
    public static TimeSpan Delay(int failures, TimeSpan? retryAfter)
    {
        var exponent = Math.Clamp(failures - 1, 0, 6);
        var delay = TimeSpan.FromMinutes(Math.Min(1 << exponent, Max.TotalMinutes));
        return retryAfter is { } asked && asked > delay ? (asked > RetryAfterCap ? RetryAfterCap : asked) : delay;
    }
}
