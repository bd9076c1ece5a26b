using System.Net;
using Integrations.Webhooks.Security;
using Microsoft.Extensions.Options;

namespace Integrations.Webhooks.Delivery;

/// <summary>
/// The one client every delivery goes through: the SSRF guard's handler (<see cref="OutboundGuard.GuardedHandler"/>),
/// no decompression, and a bound on connections per receiver.
/// </summary>
internal sealed class WebhookHttp : IDisposable
{
    public WebhookHttp(OutboundGuard guard, IOptions<WebhookOptions> options)
    {
        var handler = guard.GuardedHandler();
        handler.AutomaticDecompression = DecompressionMethods.None;
        handler.ConnectTimeout = options.Value.AttemptTimeout;
        handler.MaxConnectionsPerServer = options.Value.MaxConnectionsPerServer;
        // Each attempt has its own timeout token (from the clock); this one must not cut in first.
        Client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
