using Microsoft.AspNetCore.Http;

namespace Integrations.Testing.Fakes.Gmail;

/// <summary>Google's JSON error shape for the Gmail API (<c>error.code</c>, <c>message</c>, <c>errors[]</c>, <c>status</c>).</summary>
internal static class GmailErrors
{
    public static IResult NotFound() => Error(404, "Requested entity was not found.", "notFound", "NOT_FOUND");

    public static IResult Invalid(string message) => Error(400, message, "invalidArgument", "INVALID_ARGUMENT");

    public static IResult InsufficientScopes() =>
        Error(403, "Request had insufficient authentication scopes.", "insufficientPermissions", "PERMISSION_DENIED");

    private static IResult Error(int code, string message, string reason, string status) => Results.Json(
        new { error = new { code, message, errors = new[] { new { message, domain = "global", reason } }, status } },
        statusCode: code);
}
