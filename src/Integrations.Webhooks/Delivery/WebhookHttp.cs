using System.Net;
using Integrations.Webhooks.Security;
using Microsoft.Extensions.Options;

namespace Integrations.Webhooks.Delivery;

/// <summary>
/// The one client every delivery goes through: every connection passes the SSRF guard, redirects are not followed
/// (a 3xx is a failed attempt), no proxy (it would connect for us, past the guard), connections renewed every few
/// minutes so DNS changes are seen, and a bound on connections per receiver.
/// </summary>
internal sealed class WebhookHttp(OutboundGuard guard, IOptions<WebhookOptions> options) : IDisposable
{
    public HttpClient Client { get; } = new(new SocketsHttpHandler
    {
        ConnectCallback = guard.ConnectAsync,
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = options.Value.AttemptTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(3),
        MaxConnectionsPerServer = options.Value.MaxConnectionsPerServer,
    })
    {
        // Each attempt has its own timeout token (from the clock); this one must not cut in first.
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };

    public void Dispose() => Client.Dispose();
}
