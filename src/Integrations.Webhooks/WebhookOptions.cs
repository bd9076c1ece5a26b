namespace Integrations.Webhooks;

/// <summary>Bound from <c>Sentinel:Webhooks</c>.</summary>
internal sealed class WebhookOptions
{
    public const string Section = "Sentinel:Webhooks";

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Run the delivery dispatcher in this instance (off for test classes that only look at queued rows).</summary>
    public bool Dispatcher { get; set; } = true;

    /// <summary>How long a claimed delivery stays with its dispatcher; a crashed one's deliveries are claimed again after.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>The most deliveries one claim takes.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The most deliveries one claim takes per endpoint, and the most POSTs in flight to one endpoint.</summary>
    public int MaxConcurrencyPerEndpoint { get; set; } = 32;

    /// <summary>The most POSTs this instance has in flight at once, all endpoints together.</summary>
    public int MaxInFlight { get; set; } = 1000;

    public int MaxConnectionsPerServer { get; set; } = 128;

    /// <summary>The most replays a workspace may start in an hour (each re-sends up to every event of a webhook).</summary>
    public int ReplaysPerHour { get; set; } = 10;

    /// <summary>The dispatcher looks for due deliveries at least this often, NOTIFY or not (retries fall due silently).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Days delivered deliveries are kept at least (their week is dropped after).</summary>
    public int DeliveredRetentionDays { get; set; } = 30;

    /// <summary>Days failed and still pending deliveries are kept at least; a failed delivery replayed and delivered goes
    /// with the delivered ones.</summary>
    public int FailedRetentionDays { get; set; } = 90;

    /// <summary>Days delivery attempts are kept at least.</summary>
    public int AttemptRetentionDays { get; set; } = 30;
}
