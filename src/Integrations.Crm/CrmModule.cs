using Integrations.Crm.Api;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Reading;
using Integrations.Platform;
using Integrations.Platform.Api;
using Integrations.Platform.Data;
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
        services.AddFacade<RecordPipeline>();
        services.AddFacade<RecordReader>();
        return services;
    }

    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder api)
    {
        api.MapRecordsEndpoints();
        return api;
    }
}
