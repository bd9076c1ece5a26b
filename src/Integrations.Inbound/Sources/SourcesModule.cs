using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Inbound.Sources;

/// <summary>Inbound webhook sources: registration and endpoints (<c>/api/v1/inbound…</c>).</summary>
internal static class SourcesModule
{
    public static IServiceCollection AddSources(this IServiceCollection services, IConfiguration config)
    {
        _ = config;
        return services;
    }

    public static IEndpointRouteBuilder MapSourcesApi(this IEndpointRouteBuilder api) => api;
}
