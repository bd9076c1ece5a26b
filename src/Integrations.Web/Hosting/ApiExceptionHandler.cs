using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Integrations.Web.Hosting;

/// <summary>
/// Unreadable requests become a 400 that names what was wrong (the JSON path of a bad value); anything else is a
/// 500 with a trace id and no internals. Never a stack trace to the user.
/// </summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request could not be read",
                Detail = Describe(bad),
            };
            if (bad.InnerException is JsonException { Path: { } path })
            {
                problem.Extensions["field"] = path.TrimStart('$', '.');
            }
        }
        else
        {
            log.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on our side",
                Detail = "The error was logged. Quote the trace id when you report it.",
            };
        }

        context.Response.StatusCode = problem.Status!.Value;
        problem.Extensions["trace_id"] = context.TraceIdentifier;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static string Describe(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException { Path: { } path } => $"The JSON body has an invalid value at '{path}'.",
        JsonException => "The body is not valid JSON.",
        _ => bad.Message,
    };
}
