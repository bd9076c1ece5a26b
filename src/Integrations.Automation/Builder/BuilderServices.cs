using Integrations.Automation.Workflows;
using Integrations.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations.Automation.Builder;

/// <summary>What the <c>/automation</c> pages reach: <see cref="WorkflowDirectory"/>.</summary>
internal static class BuilderServices
{
    public static IServiceCollection AddWorkflowBuilder(this IServiceCollection services)
    {
        services.TryAddSingleton<WorkflowRules>();
        services.AddScoped<WorkflowEditor>();
        services.AddFacade<WorkflowDirectory>();
        return services;
    }
}
