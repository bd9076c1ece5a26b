using Microsoft.AspNetCore.HttpOverrides;

namespace Integrations.Web.Hosting;

/// <summary>
/// Behind a load balancer every request comes from the balancer's address, which would put all clients under one
/// per-address limit. When <c>Sentinel:ForwardedHeaders:TrustedNetworks</c> lists the balancers' networks (CIDR), the
/// client address and scheme are taken from their <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c>; from nobody else.
/// </summary>
internal static class ProxyHeaders
{
    private const string Section = "Sentinel:ForwardedHeaders:TrustedNetworks";

    public static IServiceCollection AddProxyHeaders(this IServiceCollection services, IConfiguration config)
    {
        // Read at start-up, so a mistyped network stops the app with the setting's name instead of failing requests.
        var networks = (config.GetSection(Section).Get<string[]>() ?? []).Select(text =>
            System.Net.IPNetwork.TryParse(text, out var network)
                ? network
                : throw new InvalidOperationException($"{Section} holds '{text}', which is not a network in CIDR notation (10.0.0.0/8).")).ToList();
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            networks.ForEach(options.KnownIPNetworks.Add);
        });
    }

    public static IApplicationBuilder UseProxyHeaders(this WebApplication app) =>
        app.Configuration.GetSection(Section).Get<string[]>() is { Length: > 0 } ? app.UseForwardedHeaders() : app;
}
