using Microsoft.AspNetCore.Http;

namespace Integrations.Testing.Fakes.Graph;

/// <summary>Microsoft Graph's error body: <c>{"error": {"code", "message", "innerError": {date, request-id,
/// client-request-id}}}</c>.</summary>
internal static class GraphErrors
{
    public static IResult Json(TimeProvider clock, int status, string code, string message) => Results.Json(
        new
        {
            error = new
            {
                code,
                message,
                innerError = new Dictionary<string, string>
                {
                    ["date"] = clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss"),
                    ["request-id"] = Guid.NewGuid().ToString(),
                    ["client-request-id"] = Guid.NewGuid().ToString(),
                },
            },
        },
        statusCode: status);
}
