using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>Guards a fake provider's API endpoints (its identity endpoint, and later the Gmail, Graph or Slack APIs mapped
/// through <see cref="FakeOAuthOptions.Apis"/>) with the access tokens it issued, answering a bad one its provider's way.</summary>
public static class FakeAccessTokens
{
    public static TBuilder RequireFakeAccessToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            var provider = context.RequestServices.GetRequiredService<FakeOAuthProvider>();
            var token = PresentedToken(context.Request);
            var (state, grant) = provider.Grants.Check(token);
            if (state != AccessTokenState.Valid)
            {
                return provider.Style.Unauthorized(context, state);
            }

            provider.Counters.ApiCalled(token!);
            context.Items[typeof(FakeGrant)] = grant;
            return await next(invocation);
        });

    /// <summary>The grant behind the access token of a request that passed <see cref="RequireFakeAccessToken{TBuilder}"/>:
    /// whose mailbox or workspace to answer from.</summary>
    public static FakeGrant FakeGrant(this HttpContext context) =>
        context.Items[typeof(FakeGrant)] as FakeGrant ?? throw new InvalidOperationException("The endpoint does not require a fake access token.");

    /// <summary>A Bearer token, else a form's <c>token</c> field (Slack's methods and Google's revoke take one there).
    /// The form was read by the fake's request log before any endpoint runs.</summary>
    internal static string? PresentedToken(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) && header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            ? header.Parameter
            : request.HasFormContentType ? (string?)request.Form["token"] : null;
}
