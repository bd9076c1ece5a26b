using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Platform.Security;

/// <summary>The per-address limit on refused requests (<see cref="RefusalLimiter"/>) and its sampled warnings.</summary>
public static class RefusalLimits
{
    internal static IServiceCollection AddRefusalLimits(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<RefusalOptions>(config.GetSection(RefusalOptions.Section));
        services.AddFacade<RefusalLimiter>(ServiceLifetime.Singleton);
        services.AddFacade<RefusalWarnings>(ServiceLifetime.Singleton);
        return services;
    }

    /// <summary>
    /// For an anonymous endpoint that refuses strangers with 404 (no such resource) or 401 (the request failed the
    /// resource's own verification): an address with too many refusals this minute is answered 429 before the handler
    /// runs. A 404 counts against the address as <paramref name="subject"/>, across the endpoint: someone guessing ids.
    /// A 401 counts against the address only for the resource the route value <paramref name="resource"/> names: a
    /// provider sends for many tenants from one address, and one tenant's wrong secret must not hold back the others.
    /// </summary>
    public static RouteHandlerBuilder LimitRefusals(this RouteHandlerBuilder endpoint, string subject, string resource) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var client = http.Connection.RemoteIpAddress;
            var limiter = http.RequestServices.GetRequiredService<RefusalLimiter>();
            // Public ids parse in either case: one resource is one count, however its id is spelled.
            var named = $"{subject} {http.GetRouteValue(resource)}".ToLowerInvariant();
            if ((await limiter.RetryAfterAsync(client, subject) ?? await limiter.RetryAfterAsync(client, named)) is { } retryAfter)
            {
                return TypedResults.Problem(RefusalLimiter.TooMany(http.Response, retryAfter));
            }

            var result = await next(context);
            switch (result)
            {
                case IStatusCodeHttpResult { StatusCode: StatusCodes.Status404NotFound }:
                    await limiter.CountAsync(client, subject);
                    break;
                case IStatusCodeHttpResult { StatusCode: StatusCodes.Status401Unauthorized }:
                    await limiter.CountAsync(client, named);
                    break;
            }

            return result;
        });
}
