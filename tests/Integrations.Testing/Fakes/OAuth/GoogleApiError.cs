using Microsoft.AspNetCore.Http;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>The error body Google's APIs answer with: <c>{"error": {"code", "message", "status", "errors": [{domain,
/// reason, message}]}}</c> (the Calendar API's <c>fullSyncRequired</c> 410 among them).</summary>
public static class GoogleApiError
{
    public static IResult Of(int code, string status, string message, string? reason = null) => Results.Json(
        new
        {
            error = new
            {
                code,
                message,
                status,
                errors = reason is null ? null : new[] { new { domain = "global", reason, message } },
            },
        },
        statusCode: code);
}
