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
        services.AddSingleton<WorkflowSecrets>();
        services.AddScoped<WorkflowStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder api) => api;
}
