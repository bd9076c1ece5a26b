using System.Net;
using Integrations.Inbound.Connectors.Api;
using Integrations.Inbound.Connectors.Running;
using Integrations.Platform;
using Integrations.Platform.Outbound;
using Integrations.Platform.Workspaces;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Inbound.Connectors;

/// <summary>Pull connectors: registration and endpoints (<c>/api/v1/connectors…</c>).</summary>
internal static class ConnectorsModule
{
    public static IServiceCollection AddConnectors(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ConnectorOptions>(config.GetSection(ConnectorOptions.Section));
        services.AddSingleton<ConnectorRules>();
        services.AddSingleton<ConnectorSecrets>();
        services.AddOutboundHttpClient(PageFetcher.ClientName, (client, _) =>
                client.Decompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<PageFetcher>();
        services.AddSingleton<ConnectorSchedules>();
        services.AddScoped<IWorkspaceTeardown, ConnectorTeardown>();
        services.AddFacade<ConnectorDirectory>();
        services.AddScoped<RunClaims>();
        services.AddScoped<ConnectorPull>();
        services.AddScoped<RunEnding>();
        services.AddScoped<ConnectorRunner>();
        services.AddHostedService<ConnectorSecretsUpgrade>();
        services.AddHostedService<ConnectorScheduleSync>();
        return services;
    }

    public static IEndpointRouteBuilder MapConnectorsApi(this IEndpointRouteBuilder api)
    {
        api.MapConnectorsEndpoints();
        return api;
    }
}
