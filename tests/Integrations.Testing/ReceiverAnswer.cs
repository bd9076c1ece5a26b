namespace Integrations.Testing;

/// <summary>How a <see cref="WebhookReceiver"/> endpoint answers one call: status, an optional delay and Retry-After.</summary>
public sealed record ReceiverAnswer(int Status, TimeSpan Delay = default, string? RetryAfter = null)
{
    public static readonly ReceiverAnswer Ok = new(200);
}
