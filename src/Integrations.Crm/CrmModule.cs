using Integrations.Crm.Api;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Reading;
using Integrations.Platform.Api;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Workspaces;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Crm;

/// <summary>Registers CRM records (contacts, accounts, deals, products) and the record pipeline.</summary>
public static class CrmModule
{
    public static IServiceCollection AddCrm(this IServiceCollection services)
    {
        services.AddSingleton(new ModelAssembly(typeof(CrmModule).Assembly));
        services.AddApiScopes(CrmScopes.All);
        services.AddScoped<RecordStore>();
        services.AddScoped(sp => new RecordPipeline(
            sp.GetRequiredService<IntegrationsDbContext>(), sp.GetRequiredService<Caller>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<RecordStore>(), sp.GetRequiredService<WorkspaceDirectory>(),
            sp.GetRequiredService<AuditTrail>(), sp.GetRequiredService<EventLog>()));
        services.AddScoped(sp => new RecordReader(sp.GetRequiredService<RecordStore>()));
        return services;
    }

    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder api)
    {
        api.MapRecordsEndpoints();
        return api;
    }
}
