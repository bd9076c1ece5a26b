using Integrations.Inbound.Writing;
using Integrations.Platform.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Inbound;

/// <summary>
/// Registers inbound integrations: webhook sources that external systems push to, and pull connectors that fetch
/// from external APIs on a schedule. Both map JSON to records (<see cref="Mapping"/>) and write them through the
/// record pipeline (<see cref="InboundWriter"/>).
/// </summary>
public static class InboundModule
{
    public static IServiceCollection AddInbound(this IServiceCollection services, IConfiguration config)
    {
        _ = config;
        services.AddSingleton(new ModelAssembly(typeof(InboundModule).Assembly));
        services.AddScoped<InboundWriter>();
        return services;
    }

    public static IEndpointRouteBuilder MapInboundApi(this IEndpointRouteBuilder api)
    {
        return api;
    }
}
