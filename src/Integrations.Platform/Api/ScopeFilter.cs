using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Integrations.Platform.Api;

public static class ScopeFilter
{
    /// <summary>Answers 403 naming <paramref name="scope"/> unless the API key holds it.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.User.Allows(scope) ? await next(context) : ApiProblems.MissingScope(scope));
}
