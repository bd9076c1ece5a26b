using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Platform.Events;

/// <summary>Registers a module's <see cref="EventReadScope"/> rules.</summary>
public static class EventReadScopes
{
    public static IServiceCollection AddEventReadScopes(this IServiceCollection services, params IEnumerable<EventReadScope> rules)
    {
        foreach (var rule in rules)
        {
            services.AddSingleton(rule);
        }

        return services;
    }
}
