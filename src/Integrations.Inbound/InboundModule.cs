using Integrations.Inbound.Connectors;
using Integrations.Inbound.Mapping;
using Integrations.Inbound.Security;
using Integrations.Inbound.Sources;
using Integrations.Inbound.Writing;
using Integrations.Platform;
using Integrations.Platform.Api;
using Integrations.Platform.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Inbound;

/// <summary>
/// Registers inbound integrations: webhook sources that external systems push to (<c>Sources/</c>), and pull
/// connectors that fetch from external APIs on a schedule (<c>Connectors/</c>). Both map JSON to records
/// (<c>Mapping/</c>) and write them through the record pipeline (<see cref="InboundWriter"/>).
/// </summary>
public static class InboundModule
{
    public static IServiceCollection AddInbound(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ModelAssembly(typeof(InboundModule).Assembly));
        services.AddApiScopes(InboundScopes.All);
        services.AddSingleton<InboundSecrets>();
        services.AddScoped<InboundWriter>();
        services.AddFacade<RecordMappings>();
        services.AddSources(config);
        services.AddConnectors(config);
        return services;
    }

    public static IEndpointRouteBuilder MapInboundApi(this IEndpointRouteBuilder api)
    {
        api.MapSourcesApi();
        api.MapConnectorsApi();
        return api;
    }
}
