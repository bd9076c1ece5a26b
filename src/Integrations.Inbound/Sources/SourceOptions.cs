namespace Integrations.Inbound.Sources;

/// <summary>Bound from <c>Sentinel:Inbound</c>.</summary>
internal sealed class SourceOptions
{
    public const string Section = "Sentinel:Inbound";

    /// <summary>Larger bodies are refused with 413 before they are verified or stored.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests one source accepts per minute; more get 429 with Retry-After.</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// For sources whose method signs no timestamp or id (hmac, api_key, basic), a body received again within this time is a
    /// duplicate, whatever its delivery id.
    /// </summary>
    public TimeSpan BodyDedupeWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Process received requests in this instance (off for tests that look at stored rows only).</summary>
    public bool Worker { get; set; } = true;

    /// <summary>How many requests this instance processes at once.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>The worker looks for received requests at least this often (requests other instances stored, a restart).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
