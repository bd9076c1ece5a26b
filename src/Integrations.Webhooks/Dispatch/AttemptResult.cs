namespace Integrations.Webhooks.Dispatch;

/// <summary>What one POST did: the response status (null when none came back) or the error, and when to try again.</summary>
internal sealed record AttemptResult(
    ClaimedDelivery Delivery, DateTimeOffset AttemptedAt, int DurationMs, int? StatusCode, string? ResponseSnippet,
    string? Error, string RequestHeaders, TimeSpan? RetryAfter)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public bool Gone => StatusCode == 410;
}
