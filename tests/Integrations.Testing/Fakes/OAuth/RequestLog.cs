using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>The fake's first middleware (after routing): counts token requests and refreshes in flight, applies the
/// planned faults, and logs every request with its status.</summary>
internal sealed class RequestLog(FakeOAuthProvider provider)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var isTokenRequest = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == TokenEndpoint.Name;
        var form = isTokenRequest ? await TokenParameters.ReadAsync(request, context.RequestAborted)
            : request.HasFormContentType ? await request.ReadFormAsync(context.RequestAborted) : null;
        var grantType = isTokenRequest ? TokenEndpoint.GrantType(provider.Style, form ?? FormCollection.Empty) : null;
        string? refreshToken = grantType == "refresh_token" ? form?["refresh_token"] : null;
        if (grantType is not null)
        {
            provider.Counters.TokenRequested(grantType);
        }

        if (refreshToken is not null)
        {
            provider.Counters.RefreshStarted(refreshToken);
        }

        try
        {
            if (provider.Options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(provider.Options.Latency, context.RequestAborted);
            }

            if (!await DisturbAsync(context))
            {
                await next(context);
            }
        }
        finally
        {
            if (refreshToken is not null)
            {
                provider.Counters.RefreshEnded();
            }

            if (provider.Options.LogRequests)
            {
                provider.Requests.Enqueue(new FakeProviderRequest(
                    request.Method, request.Path.Value ?? "/", grantType, FakeAccessTokens.PresentedToken(request), context.Response.StatusCode));
            }
        }
    }

    /// <summary>Applies the next planned fault for this path; true when the fault answered the request.</summary>
    private async Task<bool> DisturbAsync(HttpContext context)
    {
        if (provider.Faults.Take(context.Request.Path.Value ?? "/") is not { } fault)
        {
            return false;
        }

        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, context.RequestAborted);
        }

        if (fault.Hold is not null)
        {
            await fault.Hold.WaitAsync(context.RequestAborted);
        }

        if (fault.Status is not { } status)
        {
            return false;
        }

        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
        }

        await provider.Style.Fault(status).ExecuteAsync(context);
        return true;
    }
}
