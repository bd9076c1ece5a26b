using Integrations.Apps.Actions;
using Integrations.Apps.Syncs;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Providers.Zoom;

/// <summary>Zoom's sync, action and the activities they share (its webhook is in <c>Triggers/Zoom</c>).</summary>
internal static class ZoomServices
{
    public static IServiceCollection AddZoom(this IServiceCollection services)
    {
        services.AddScoped<ZoomActivities>();
        services.AddScoped<IAppSync, ZoomMeetingsSync>();
        services.AddScoped<IAppAction, CreateMeeting>();
        return services;
    }
}
