using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Platform.Outbound;

/// <summary>Where every module that calls outside addresses gets its <see cref="HttpClient"/>: one setup, one guard.</summary>
public static class OutboundHttp
{
    /// <summary>
    /// Registers a named client (<see cref="IHttpClientFactory.CreateClient(string)"/>) whose every connection passes
    /// the <see cref="OutboundGuard"/>: no redirects, proxy or cookies. <paramref name="configure"/> adds the caller's
    /// own settings to the handler (decompression, connect timeout, connection limits). The handler lives as long as the
    /// app (its pooled connections are renewed every few minutes instead, so DNS changes are seen), so a singleton may
    /// keep the client; the factory's request logging is off, since URLs can carry tokens in their query strings.
    /// </summary>
    public static IHttpClientBuilder AddOutboundHttpClient(
        this IServiceCollection services, string name, Action<SocketsHttpHandler, IServiceProvider>? configure = null) =>
        services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var handler = sp.GetRequiredService<OutboundGuard>().GuardedHandler();
                configure?.Invoke(handler, sp);
                return handler;
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

    internal static IServiceCollection AddOutbound(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<OutboundSettings>();
        services.AddSingleton<IConfigureOptions<OutboundOptions>>(sp => sp.GetRequiredService<OutboundSettings>());
        services.AddSingleton<IOptionsChangeTokenSource<OutboundOptions>>(new ConfigurationChangeTokenSource<OutboundOptions>(config));
        services.AddHostedService(sp => sp.GetRequiredService<OutboundSettings>());
        services.AddSingleton<OutboundGuard>();
        return services;
    }
}
