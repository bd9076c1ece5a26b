using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Runs;

/// <summary>Runs: matching in the pipeline's transaction, the executor, <c>/api/v1/workflow-runs</c>.</summary>
internal static class RunServices
{
    public static IServiceCollection AddWorkflowRuns(this IServiceCollection services, IConfiguration config)
    {
        _ = config;
        return services;
    }

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder api) => api;
}
