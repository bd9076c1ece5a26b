using System.Net;
using Integrations.Webhooks.Security;

namespace Integrations.Inbound.Connectors.Running;

/// <summary>
/// The client connectors fetch with, under the same rules as webhook deliveries: every connection passes the SSRF
/// guard, no redirects (a 3xx fails the page), no proxy (it would connect for us, past the guard), no cookies.
/// </summary>
internal sealed class ConnectorHttp(OutboundGuard guard) : IDisposable
{
    public HttpClient Client { get; } = new(new SocketsHttpHandler
    {
        ConnectCallback = guard.ConnectAsync,
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
        PooledConnectionLifetime = TimeSpan.FromMinutes(3),
    })
    {
        // Each page has its own timeout token (from the clock); this one must not cut in first.
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public void Dispose() => Client.Dispose();
}
