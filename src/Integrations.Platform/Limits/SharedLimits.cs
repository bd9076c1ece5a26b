using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Platform.Limits;

/// <summary>Registers the shared store and its windows, and their readiness check.</summary>
internal static class SharedLimits
{
    public static IServiceCollection AddSharedLimits(this IServiceCollection services)
    {
        services.AddFacade<SharedStore>(ServiceLifetime.Singleton);
        services.AddFacade<SharedWindows>(ServiceLifetime.Singleton);
        services.AddHealthChecks().AddCheck<SharedLimitsHealthCheck>("shared-limits", tags: ["ready"]);
        return services;
    }
}
