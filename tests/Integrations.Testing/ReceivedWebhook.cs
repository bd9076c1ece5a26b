namespace Integrations.Testing;

/// <summary>One POST a <see cref="WebhookReceiver"/> endpoint got, with what its own signature checks concluded.</summary>
/// <param name="Call">1 for the endpoint's first call, 2 for its second, …</param>
/// <param name="ReceivedAt">A <see cref="System.Diagnostics.Stopwatch"/> timestamp.</param>
/// <param name="ArrivedAt">The machine's wall clock at arrival, for counting per second of the clock the database shares.</param>
public sealed record ReceivedWebhook(
    string Endpoint, int Call, string WebhookId, string Body, bool SentinelSignatureValid, bool StandardSignatureValid,
    IReadOnlyDictionary<string, string> Headers, long ReceivedAt, DateTimeOffset ArrivedAt);
