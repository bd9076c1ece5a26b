using Integrations.Automation.Schedules;
using Integrations.Automation.Workflows;
using Integrations.Platform.Events;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Runs;

/// <summary>Runs: matching in the pipeline's transaction, schedules, the executor, <c>/api/v1/workflow-runs</c>.</summary>
internal static class RunServices
{
    public static IServiceCollection AddWorkflowRuns(this IServiceCollection services, IConfiguration config)
    {
        services.AddEventReadScopes(new EventReadScope("workflow.", WorkflowScopes.Read));
        services.AddOptions<AutomationOptions>().Bind(config.GetSection(AutomationOptions.Section))
            .Validate(o => o.BatchSize > 0 && o.MaxInFlight > 0 && o.LeaseSeconds > 0 && o.MaxAttempts > 0 && o.PollInterval > TimeSpan.Zero,
                "Sentinel:Automation: BatchSize, MaxInFlight, LeaseSeconds, MaxAttempts and PollInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<DefinitionCache>();
        services.AddSingleton<RunRateLimiter>();
        services.AddScoped<RunWriter>();
        services.AddScoped<IEventSubscriber, RunMatcher>();
        services.AddScoped<RunTriggers>();
        services.AddScoped<WorkflowRuns>();
        services.AddScoped<TestRuns>();
        services.AddScoped<RunStepper>();
        services.AddSingleton<RunProgress>();
        services.AddScoped<ScheduleJob>();
        services.AddHostedService<ScheduleJobSchedule>();
        services.AddSingleton<RunClaim>();
        services.AddSingleton<RunLeases>();
        services.AddSingleton<RunExecutor>();
        if (config.GetValue($"{AutomationOptions.Section}:{nameof(AutomationOptions.Executor)}", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<RunExecutor>());
        }

        return services;
    }

    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder api)
    {
        api.MapRunsEndpoints();
        return api;
    }
}
