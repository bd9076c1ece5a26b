namespace Integrations.Webhooks.Dispatch;

/// <summary>What one POST did: the response status (null when none came back) or the error, and when to try again.</summary>
/// <param name="Unreachable">No answer: a timeout or a connection error, the sign of a receiver that cannot keep up.</param>
internal sealed record AttemptResult(
    ClaimedDelivery Delivery, DateTimeOffset AttemptedAt, int DurationMs, int? StatusCode, string? ResponseSnippet,
    string? Error, string RequestHeaders, TimeSpan? RetryAfter, bool Unreachable = false)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public bool Gone => StatusCode == 410;
}
