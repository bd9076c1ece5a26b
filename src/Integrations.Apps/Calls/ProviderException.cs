namespace Integrations.Apps.Calls;

/// <summary>A provider refused a call or answered with an error: <see cref="Exception.Message"/> is its error in words,
/// <see cref="Status"/> the HTTP status (Slack answers errors with 200).</summary>
internal class ProviderException(string message, int status) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>The provider is throttling (429, or 503 with <c>Retry-After</c>): try again after <see cref="RetryAfter"/>.</summary>
internal sealed class ProviderThrottledException(string message, int status, TimeSpan retryAfter) : ProviderException(message, status)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
