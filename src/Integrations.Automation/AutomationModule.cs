using Integrations.Automation.Builder;
using Integrations.Automation.Runs;
using Integrations.Automation.Steps;
using Integrations.Automation.Templates;
using Integrations.Automation.Workflows;
using Integrations.Platform.Data;
using Integrations.Platform.Workspaces;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation;

/// <summary>
/// Registers automation: workflows and their immutable versions (<c>Workflows/</c>), the step types
/// (<c>Steps/</c>, one class each, read by the API and the builder), trigger matching in the record pipeline's
/// transaction and the run executor (<c>Runs/</c>), and <c>/api/v1/workflows</c> and <c>/api/v1/workflow-runs</c>.
/// </summary>
public static class AutomationModule
{
    public static IServiceCollection AddAutomation(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ModelAssembly(typeof(AutomationModule).Assembly));
        services.AddSingleton<WorkflowTemplates>();
        services.AddStepTypes();
        services.AddWorkflowDefinitions(config);
        services.AddWorkflowRuns(config);
        services.AddWorkflowBuilder();
        services.AddScoped<IWorkspaceTeardown, WorkflowsTeardown>();
        return services;
    }

    public static IEndpointRouteBuilder MapAutomationApi(this IEndpointRouteBuilder api)
    {
        api.MapWorkflowsApi();
        api.MapRunsApi();
        return api;
    }
}
