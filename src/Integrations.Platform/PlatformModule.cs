using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Data.Partitions;
using Integrations.Platform.Outbound;
using Integrations.Platform.Events;
using Integrations.Platform.Limits;
using Integrations.Platform.Security;
using Integrations.Platform.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Platform;

/// <summary>Registers the shared kernel: the DbContext, the caller, workspaces, audit trail, event log and refusal limits.</summary>
public static class PlatformModule
{
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration config, string connectionString)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<Caller>();
        // The options are the same for every scope: built once, not for each context (the executors make thousands a second).
        services.AddDbContext<IntegrationsDbContext>(
            options => options
                .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly("Integrations.Web"))
                .UseSnakeCaseNamingConvention(),
            optionsLifetime: ServiceLifetime.Singleton);
        services.Configure<PlanOptions>(config.GetSection(PlanOptions.Section));
        services.AddFacade<AuditTrail>();
        services.AddFacade<AuditLog>();
        services.AddFacade<EventLog>();
        services.AddFacade<EventAccess>(ServiceLifetime.Singleton);
        services.Configure<EventOptions>(config.GetSection(EventOptions.Section));
        var events = config.GetSection(EventOptions.Section).Get<EventOptions>() ?? new EventOptions();
        services.AddPartitionedTable(new PartitionedTable("events", TimeSpan.FromDays(events.RetentionDays)));
        services.AddFacade<WorkspaceDirectory>();
        services.AddFacade<WorkspaceSettings>();
        services.AddFacade<WorkspaceRemoval>();
        services.AddScoped<WorkspaceSweep>();
        services.AddHostedService<WorkspaceRemovalSchedule>();
        services.AddFacade<Identity.WorkspaceMembers>();
        services.AddFacade<Identity.WorkspaceInvitations>();
        services.AddOutbound(config);
        services.AddSharedLimits();
        services.AddTimePartitions();
        services.AddRefusalLimits(config);
        return services;
    }

    /// <summary>Sets the request's <see cref="Caller"/>; call after authentication.</summary>
    public static IApplicationBuilder UseCaller(this IApplicationBuilder app) => app.UseMiddleware<CallerMiddleware>();

    public static IEndpointRouteBuilder MapPlatformApi(this IEndpointRouteBuilder api)
    {
        api.MapAuditApi();
        api.MapEventsApi();
        return api;
    }
}
