using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
    /// For an anonymous endpoint that refuses strangers with 401 or 404: an address with too many refusals this minute
    /// is answered 429 before the handler runs, and the handler's 401 and 404 answers count as refusals.
    /// </summary>
    public static RouteHandlerBuilder LimitRefusals(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var limiter = http.RequestServices.GetRequiredService<RefusalLimiter>();
            if (limiter.RetryAfter(http.Connection.RemoteIpAddress) is { } retryAfter)
            {
                return TypedResults.Problem(RefusalLimiter.TooMany(http.Response, retryAfter));
            }

            var result = await next(context);
            if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status401Unauthorized or StatusCodes.Status404NotFound })
            {
                limiter.Count(http.Connection.RemoteIpAddress);
            }

            return result;
        });
}
