using Microsoft.AspNetCore.Http;

namespace Integrations.Platform.Callers;

/// <summary>Fills the request's <see cref="Caller"/> from the authenticated principal.</summary>
internal sealed class CallerMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, Caller caller)
    {
        var source = context.Request.Path.StartsWithSegments("/api") ? ChangeSource.Api : ChangeSource.Ui;
        caller.ActFor(context.User, source);
        return next(context);
    }
}
