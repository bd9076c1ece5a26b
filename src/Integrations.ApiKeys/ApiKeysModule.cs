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
        // TODO(issue 2): scheme handler, key store, rate limiter.
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, StubHandler>(ApiKeyDefaults.Scheme, null);
        return services;
    }

    public static RouteGroupBuilder WithApiRateLimit(this RouteGroupBuilder api) => api;

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder api) => api;
}
