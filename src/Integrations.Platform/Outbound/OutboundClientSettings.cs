using System.Net;

namespace Integrations.Platform.Outbound;

/// <summary>What a module may choose for its outbound client; the guard's own rules are not among them.</summary>
public sealed class OutboundClientSettings
{
    /// <summary>Which compressed answers to accept and unpack (none by default).</summary>
    public DecompressionMethods Decompression { get; set; } = DecompressionMethods.None;

    /// <summary>How long a TCP and TLS connect may take; the handler's default (unbounded) when null.</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>The most connections to one server; unbounded when null.</summary>
    public int? MaxConnectionsPerServer { get; set; }
}
