using System.Globalization;
using Integrations.ApiKeys.Authentication;
using Integrations.Platform.Limits;
using Integrations.Platform.Workspaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Integrations.ApiKeys.RateLimiting;

/// <summary>
/// Counts every request made with a valid key against its key's plan limit and tells the client where it stands
/// (IETF draft RateLimit-* headers on every answer, Retry-After on a 429). A middleware rather than an endpoint
/// filter: a group filter would put every API endpoint on the slower, boxed filter-invocation path. Counted in the shared
/// store when one is configured, so every instance draws on one count per key; else (or while it fails) in this process.
/// </summary>
internal sealed class ApiRateLimitMiddleware(RequestDelegate next, ApiRateLimiter limiter, SharedWindows shared,
    IOptionsMonitor<PlanOptions> plans, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Features.Get<KnownKey>() is not { } key)
        {
            await next(http);
            return;
        }

        var perMinute = Math.Max(1, plans.CurrentValue.For(key.Plan).RequestsPerMinute);
        var decision = await shared.AcquireAsync("api", key.Id, perMinute, TimeSpan.FromMinutes(1))
            ?? limiter.Acquire(key.Id, perMinute);
        var headers = http.Response.Headers;
        headers["RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        if (decision.Allowed)
        {
            await next(http);
            return;
        }

        headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This API key may make {decision.Limit} requests per minute on its workspace's plan. "
                    + $"Try again in {decision.ResetSeconds} seconds.",
                Extensions = { ["retry_after_seconds"] = decision.ResetSeconds },
            },
        });
    }
}
