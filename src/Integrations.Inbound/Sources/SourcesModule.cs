using Integrations.Inbound.Sources.Api;
using Integrations.Inbound.Sources.Requests;
using Integrations.Platform;
using Integrations.Platform.Events;
using Integrations.Platform.Workspaces;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Inbound.Sources;

/// <summary>Inbound webhook sources: registration and endpoints (<c>/api/v1/inbound…</c>).</summary>
internal static class SourcesModule
{
    public static IServiceCollection AddSources(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SourceOptions>(config.GetSection(SourceOptions.Section));
        services.AddFacade<SourceDirectory>();
        services.AddScoped<IWorkspaceTeardown, SourcesTeardown>();
        services.AddFacade<RequestLog>();
        services.AddScoped<SourceReceiver>();
        services.AddScoped<RequestProcessor>();
        services.AddEventReadScopes(new EventReadScope("inbound.", InboundScopes.Read));
        services.AddSingleton<SourceRateLimiter>();
        services.AddSingleton<SourceCache>();
        services.AddSingleton<RequestSignal>();
        services.AddScoped<RequestLogPruneJob>();
        services.AddScoped<BodyHashPruneJob>();
        services.AddHostedService<RequestJobSchedule>();
        if (config.GetValue($"{SourceOptions.Section}:{nameof(SourceOptions.Worker)}", true))
        {
            services.AddHostedService<RequestWorker>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapSourcesApi(this IEndpointRouteBuilder api)
    {
        api.MapSourcesEndpoints();
        api.MapReceive();
        return api;
    }
}
