using Integrations.Apps.Actions;
using Integrations.Apps.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Providers.Meta;

internal static class MetaServices
{
    /// <summary>Facebook Pages (<c>create_post</c>) and Instagram (<c>create_media_post</c>): what connecting finishes at
    /// Meta (<see cref="PageGrants"/>) and the Graph API calls.</summary>
    public static IServiceCollection AddMeta(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<InstagramOptions>().Bind(config.GetSection(InstagramOptions.Section))
            .Validate(o => o.ContainerChecks is > 0 and <= 60 && o.ContainerCheckInterval >= TimeSpan.Zero && o.ContainerCheckInterval <= TimeSpan.FromMinutes(1),
                "Sentinel:Apps:instagram:ContainerChecks must be 1 to 60 and ContainerCheckInterval at most a minute.")
            .ValidateOnStart();
        services.AddScoped<GraphApi>();
        foreach (var appId in new[] { MetaApps.FacebookPages, MetaApps.Instagram })
        {
            services.AddScoped<IConnectionHook>(s => ActivatorUtilities.CreateInstance<PageGrants>(s, appId));
        }

        services.AddScoped<IAppAction, CreatePagePost>();
        services.AddScoped<IAppAction, CreateMediaPost>();
        return services;
    }
}
