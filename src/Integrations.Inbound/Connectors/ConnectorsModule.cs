using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Inbound.Connectors;

/// <summary>Pull connectors: registration and endpoints (<c>/api/v1/connectors…</c>).</summary>
internal static class ConnectorsModule
{
    public static IServiceCollection AddConnectors(this IServiceCollection services, IConfiguration config)
    {
        _ = config;
        return services;
    }

    public static IEndpointRouteBuilder MapConnectorsApi(this IEndpointRouteBuilder api) => api;
}
