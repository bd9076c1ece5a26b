namespace Integrations.Testing;

/// <summary>How a <see cref="WebhookReceiver"/> endpoint answers one call: status, an optional delay and Retry-After,
/// or, with <c>Drop</c>, no answer at all: the connection is aborted after the delay.</summary>
public sealed record ReceiverAnswer(int Status, TimeSpan Delay = default, string? RetryAfter = null, bool Drop = false)
{
    public static readonly ReceiverAnswer Ok = new(200);

    public static readonly ReceiverAnswer Dropped = new(0, Drop: true);
}
