using Integrations.Platform;
using Integrations.Platform.Api;
using Integrations.Platform.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Posts;

internal static class PostsServices
{
    /// <summary>Scheduled posts: their scopes and events, the facade, and the publisher (run minutely by <c>AppsJobSchedule</c>).</summary>
    public static IServiceCollection AddPosts(this IServiceCollection services, IConfiguration config)
    {
        services.AddApiScopes(PostsScopes.All);
        services.AddEventReadScopes(new EventReadScope("post.", PostsScopes.Read));
        services.AddOptions<PostsOptions>().Bind(config.GetSection(PostsOptions.Section))
            .Validate(o => o.Lease > TimeSpan.Zero && o.MaxAttempts > 0 && o.Batch > 0 && o.Grace >= TimeSpan.Zero && o.Horizon > TimeSpan.Zero,
                "Sentinel:Posts: Lease, MaxAttempts, Batch and Horizon must be positive, Grace not negative.")
            .ValidateOnStart();
        services.AddFacade<ScheduledPosts>();
        services.AddScoped<PostClaim>();
        services.AddScoped<PostOutcomes>();
        services.AddScoped<PostReconciler>();
        services.AddScoped<PostPublisher>();
        return services;
    }
}
