using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Platform.Outbound;

/// <summary>Where every module that calls outside addresses gets its <see cref="HttpClient"/>: one setup, one guard.</summary>
public static class OutboundHttp
{
    /// <summary>
    /// Registers a named client (<see cref="IHttpClientFactory.CreateClient(string)"/>) whose every connection passes
    /// the <see cref="OutboundGuard"/>: no redirects, proxy or cookies. <paramref name="configure"/> chooses what is the
    /// caller's own (decompression, connect timeout, connection limits), never the guard's rules. The handler lives as
    /// long as the app (its pooled connections are renewed every few minutes instead, so DNS changes are seen), so a
    /// singleton may keep the client; the factory's request logging is off, since URLs can carry tokens in their query
    /// strings. Handlers added to the returned builder (retries, rate limits) run above the guard.
    /// </summary>
    public static IHttpClientBuilder AddOutboundHttpClient(
        this IServiceCollection services, string name, Action<OutboundClientSettings, IServiceProvider>? configure = null) =>
        services.AddHttpClient(name)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var settings = new OutboundClientSettings();
                configure?.Invoke(settings, sp);
                var handler = sp.GetRequiredService<OutboundGuard>().GuardedHandler();
                handler.AutomaticDecompression = settings.Decompression;
                if (settings.ConnectTimeout is { } connectTimeout)
                {
                    handler.ConnectTimeout = connectTimeout;
                }

                if (settings.MaxConnectionsPerServer is { } connections)
                {
                    handler.MaxConnectionsPerServer = connections;
                }

                return handler;
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

    internal static IServiceCollection AddOutbound(this IServiceCollection services, IConfiguration config)
    {
        // The configuration given here, whose change token the options follow too (not whatever IConfiguration the host has).
        services.AddSingleton(sp => new OutboundSettings(config, sp.GetRequiredService<ILogger<OutboundSettings>>()));
        services.AddSingleton<IConfigureOptions<OutboundOptions>>(sp => sp.GetRequiredService<OutboundSettings>());
        services.AddSingleton<IOptionsChangeTokenSource<OutboundOptions>>(new ConfigurationChangeTokenSource<OutboundOptions>(config));
        services.AddHostedService(sp => sp.GetRequiredService<OutboundSettings>());
        services.AddFacade<OutboundGuard>(ServiceLifetime.Singleton);
        return services;
    }
}
