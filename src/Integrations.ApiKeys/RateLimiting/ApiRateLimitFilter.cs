using System.Globalization;
using Integrations.ApiKeys.Authentication;
using Integrations.Platform.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Integrations.ApiKeys.RateLimiting;

/// <summary>
/// Counts every authenticated API request against its key's plan limit and tells the client where it stands
/// (IETF draft RateLimit-* headers on every answer, Retry-After on a 429).
/// </summary>
internal sealed class ApiRateLimitFilter(ApiRateLimiter limiter, IOptionsMonitor<PlanOptions> plans) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Features.Get<KnownKey>() is not { } key)
        {
            return await next(context);
        }

        var decision = limiter.Acquire(key.Id, plans.CurrentValue.For(key.Plan).RequestsPerMinute);
        var headers = http.Response.Headers;
        headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        if (decision.Allowed)
        {
            return await next(context);
        }

        headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"This API key may make {decision.Limit} requests per minute on its workspace's plan. " +
                    $"Try again in {decision.ResetSeconds} seconds.",
            extensions: new Dictionary<string, object?> { ["retry_after_seconds"] = decision.ResetSeconds });
    }
}
