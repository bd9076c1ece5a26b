using Integrations.Crm.Activities;
using Integrations.Crm.Api;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform;
using Integrations.Platform.Api;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Crm;

/// <summary>Registers CRM records (contacts, accounts, deals, products, activities) and the record pipeline.</summary>
public static class CrmModule
{
    public static IServiceCollection AddCrm(this IServiceCollection services)
    {
        services.AddSingleton(new ModelAssembly(typeof(CrmModule).Assembly));
        services.AddApiScopes(CrmScopes.All);
        // A contact.* event carries a contact, so subscribing needs crm:read; record.* carries every object.
        services.AddEventReadScopes(
            [.. RecordTypes.All.Select(t => new EventReadScope($"{t.Name}.", t.ReadScope)),
             .. RecordTypes.All.Select(t => t.ReadScope).Distinct().Select(scope => new EventReadScope("record.", scope))]);
        services.AddScoped<RecordStore>();
        services.AddFacade<RecordPipeline>();
        services.AddFacade<RecordReader>();
        services.AddScoped<ActivityLookups>();
        services.AddScoped<ParticipantMatcher>();
        services.AddFacade<ActivityWriter>();
        services.AddFacade<ActivityTimeline>();
        return services;
    }

    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder api)
    {
        api.MapRecordsEndpoints();
        return api;
    }
}
