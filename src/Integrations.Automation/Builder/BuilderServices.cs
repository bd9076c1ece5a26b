using Integrations.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Builder;

/// <summary>What the <c>/automation</c> pages reach: <see cref="WorkflowAdmin"/>.</summary>
internal static class BuilderServices
{
    public static IServiceCollection AddWorkflowBuilder(this IServiceCollection services) => services.AddFacade<WorkflowAdmin>();
}
