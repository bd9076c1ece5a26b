using System.Security.Claims;
using Integrations.Platform.Callers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Platform.Api;

/// <summary>How modules declare their scopes and guard their endpoints with them; <c>admin</c> allows everything.</summary>
public static class Scopes
{
    /// <summary>Adds a module's scopes to the catalogue API keys choose from.</summary>
    public static IServiceCollection AddApiScopes(this IServiceCollection services, params IEnumerable<ApiScope> scopes)
    {
        foreach (var scope in scopes)
        {
            services.AddSingleton(scope);
        }

        return services;
    }

    public static bool Allows(this ClaimsPrincipal principal, string scope) =>
        principal.HasClaim(CallerClaims.Scope, scope) || principal.HasClaim(CallerClaims.Scope, PlatformScopes.Admin);

    /// <summary>Answers 403 naming <paramref name="scope"/> unless the API key holds it; the scope is also the endpoint's
    /// <see cref="RequiredScope"/> metadata.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(scope)).AddEndpointFilter(async (context, next) =>
            context.HttpContext.User.Allows(scope) ? await next(context) : ApiProblems.MissingScope(scope));
}
