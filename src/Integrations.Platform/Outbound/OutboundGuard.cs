using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Integrations.Platform.Outbound;

/// <summary>
/// The SSRF guard for every outbound request (webhook deliveries, pull connectors, connected apps). Addresses are
/// checked after DNS resolution and at connect time, so a hostname that resolves (or re-resolves) to a private address
/// is refused too. Only global unicast addresses pass, unless configuration allow-lists a host or network
/// (<c>Sentinel:Outbound:AllowedPrivateHosts</c>, e.g. <c>127.0.0.1</c> for local development and tests).
/// Modules get their client from <see cref="OutboundHttp.AddOutboundHttpClient"/>, which puts this guard under it.
/// </summary>
public sealed class OutboundGuard
{
    private static readonly IPNetwork[] NonGlobalV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.88.99.0/24"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
    ];

    // IPv6 is an allow-list: global unicast (2000::/3) only, so loopback, unique-local, link-local, multicast, NAT64
    // and the IPv4-compatible ::a.b.c.d forms all fail by construction; then the special ranges inside it (IANA's
    // special-purpose registry: 2001::/23 with Teredo, documentation 2001:db8::/32 and 3fff::/20, 6to4 2002::/16).
    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");

    private static readonly IPNetwork[] SpecialV6 =
    [
        IPNetwork.Parse("2001::/23"), IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("2002::/16"), IPNetwork.Parse("3fff::/20"),
    ];

    private readonly IOptionsMonitor<OutboundOptions> options;

    internal OutboundGuard(IOptionsMonitor<OutboundOptions> options)
    {
        this.options = options;
    }

    /// <summary>True for an address a server on the internet could have; false for private, loopback, link-local
    /// (cloud metadata), multicast, documentation and other special ranges, IPv4-mapped IPv6 included.</summary>
    public static bool IsGlobal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? GlobalUnicastV6.Contains(address) && !SpecialV6.Any(network => network.Contains(address))
            : !NonGlobalV4.Any(network => network.Contains(address));
    }

    /// <summary>Null when <paramref name="url"/> may be called now; else why not, in words for the admin.</summary>
    public async Task<string?> CheckAsync(Uri url, CancellationToken ct)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http"))
        {
            return "The URL must be an absolute https:// address.";
        }

        if (url.Scheme == "http" && !options.CurrentValue.AllowHttp)
        {
            return "The URL must use https://.";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "The URL must not carry a user name or password.";
        }

        try
        {
            await ResolveAllowedAsync(url.IdnHost, ct);
            return null;
        }
        catch (OutboundRefusedException refused)
        {
            return refused.Message;
        }
    }

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>: resolve, refuse what is not allowed, connect.</summary>
    internal async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await ResolveAllowedAsync(context.DnsEndPoint.Host, ct);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A handler for a client that calls outside addresses: every connection passes this guard, redirects are not
    /// followed (a 3xx is an answer, not a hop past the guard), no proxy (it would connect for us, past the guard), no
    /// cookies, and connections renewed every few minutes so DNS changes are seen. Callers add what is their own
    /// (timeouts, decompression, connection limits) through <see cref="OutboundHttp.AddOutboundHttpClient"/>.
    /// </summary>
    internal SocketsHttpHandler GuardedHandler() => new()
    {
        ConnectCallback = ConnectAsync,
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(3),
    };

    private async Task<IPAddress[]> ResolveAllowedAsync(string host, CancellationToken ct)
    {
        var allowed = options.CurrentValue.AllowedPrivateHosts;
        var hostAllowed = allowed.Contains(host, StringComparer.OrdinalIgnoreCase);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            throw new OutboundRefusedException($"The host '{host}' could not be resolved.");
        }

        var usable = addresses.Where(a => hostAllowed || IsGlobal(a) || InAllowList(a, allowed)).ToArray();
        if (usable.Length == 0)
        {
            throw new OutboundRefusedException(addresses.Length == 0
                ? $"The host '{host}' has no addresses."
                : $"The host '{host}' resolves to {addresses[0]}, a private or reserved address; Sentinel only calls public addresses.");
        }

        return usable;
    }

    private static bool InAllowList(IPAddress address, List<string> allowed)
    {
        var candidate = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var entry in allowed)
        {
            if (IPNetwork.TryParse(entry, out var network) ? network.Contains(candidate)
                : IPAddress.TryParse(entry, out var single) && single.Equals(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
