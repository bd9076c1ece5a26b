using System.Globalization;
using Integrations.Apps.Actions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Providers.LinkedIn;

internal static class LinkedInServices
{
    /// <summary>LinkedIn's action (<c>create_post</c>) and its API version, checked at start-up.</summary>
    public static IServiceCollection AddLinkedIn(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<LinkedInOptions>().Bind(config.GetSection(LinkedInOptions.Section))
            .Validate(o => DateTime.TryParseExact(o.ApiVersion, "yyyyMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                "Sentinel:Apps:linkedin:ApiVersion must be a LinkedIn-Version in YYYYMM form, e.g. 202605.")
            .ValidateOnStart();
        services.AddScoped<IAppAction, CreatePost>();
        return services;
    }
}
