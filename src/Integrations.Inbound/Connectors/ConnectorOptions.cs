namespace Integrations.Inbound.Connectors;

/// <summary>Bound from <c>Sentinel:Connectors</c>.</summary>
internal sealed class ConnectorOptions
{
    public const string Section = "Sentinel:Connectors";

    /// <summary>How long one page may take, headers and body.</summary>
    public TimeSpan PageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A page larger than this fails the run (the whole page is parsed in memory).</summary>
    public int MaxPageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>A queued or running run whose heartbeat is older than this was left by a process that died.</summary>
    public TimeSpan StaleRunAfter { get; set; } = TimeSpan.FromMinutes(10);
}
