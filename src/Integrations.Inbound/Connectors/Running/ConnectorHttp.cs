using System.Net;
using Integrations.Webhooks.Security;

namespace Integrations.Inbound.Connectors.Running;

/// <summary>
/// The client connectors fetch with, under the same rules as webhook deliveries (<see cref="OutboundGuard.GuardedHandler"/>:
/// the SSRF guard on every connection, no redirects, no proxy, no cookies), accepting compressed pages.
/// </summary>
internal sealed class ConnectorHttp : IDisposable
{
    public ConnectorHttp(OutboundGuard guard)
    {
        var handler = guard.GuardedHandler();
        handler.AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli;
        // Each page has its own timeout token (from the clock); this one must not cut in first.
        Client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
