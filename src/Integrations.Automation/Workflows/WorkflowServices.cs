using Integrations.Platform.Api;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Workflows;

/// <summary>Workflows and their versions: the store, the checks on save, <c>/api/v1/workflows</c>.</summary>
internal static class WorkflowServices
{
    public static IServiceCollection AddWorkflowDefinitions(this IServiceCollection services, IConfiguration config)
    {
        _ = config;
        services.AddApiScopes(WorkflowScopes.All);
        services.AddSingleton<WorkflowSecrets>();
        services.AddSingleton<WorkflowSigningKeys>();
        services.AddSingleton<WorkflowRules>();
        services.AddScoped<WorkflowStore>();
        services.AddScoped<ActiveWorkflowLimit>();
        services.AddScoped<WorkflowDirectory>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder api)
    {
        api.MapWorkflowsEndpoints();
        return api;
    }
}
