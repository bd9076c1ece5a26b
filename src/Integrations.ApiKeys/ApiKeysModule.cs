using Integrations.ApiKeys.Api;
using Integrations.ApiKeys.Authentication;
using Integrations.ApiKeys.Keys;
using Integrations.ApiKeys.RateLimiting;
using Integrations.Platform;
using Integrations.Platform.Data;
using Integrations.Platform.Workspaces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.ApiKeys;

/// <summary>Registers API keys: bearer authentication, scopes, per-key rate limits and key management.</summary>
public static class ApiKeysModule
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ModelAssembly(typeof(ApiKeysModule).Assembly));
        services.AddFacade<ScopeCatalog>(ServiceLifetime.Singleton);
        services.Configure<ApiKeyOptions>(config.GetSection(ApiKeyOptions.Section));
        services.AddSingleton<KeyCache>();
        services.AddScoped<KeyLookup>();
        services.AddSingleton<LegacyKeys>();
        services.AddSingleton<LastUseRecorder>();
        services.AddHostedService<LastUseFlusher>();
        services.AddHostedService<KeyChangeListener>();
        services.AddSingleton<ApiRateLimiter>();
        services.AddFacade<KeyReveal>(ServiceLifetime.Singleton);
        services.AddFacade<KeyRing>();
        services.AddScoped<IWorkspaceTeardown, KeyTeardown>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);
        return services;
    }

    /// <summary>Per-key rate limit by workspace plan, with RateLimit-* headers on every answer; after authentication.</summary>
    public static IApplicationBuilder UseApiRateLimit(this IApplicationBuilder app) => app.UseMiddleware<ApiRateLimitMiddleware>();

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder api)
    {
        api.MapKeysApi();
        return api;
    }
}
