using Integrations.Apps.Actions;
using Integrations.Apps.Syncs;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Providers.Outlook;

internal static class OutlookServices
{
    /// <summary>Outlook's syncs (<c>mail</c>, <c>events</c>) and actions (<c>send_email</c>, <c>create_event</c>).</summary>
    public static IServiceCollection AddOutlook(this IServiceCollection services)
    {
        services.AddScoped<GraphDelta>();
        services.AddScoped<OutlookActivities>();
        services.AddScoped<IAppSync, OutlookMailSync>();
        services.AddScoped<IAppSync, OutlookEventsSync>();
        services.AddScoped<IAppAction, OutlookSendEmail>();
        services.AddScoped<IAppAction, OutlookCreateEvent>();
        return services;
    }
}
