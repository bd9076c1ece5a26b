using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Integrations.Testing.Fakes.Meta;

/// <summary>Graph API errors as Meta answers them (WhatsApp, Pages, Instagram): <c>{"error": {"message", "type", "code",
/// "error_subcode"?, "error_data"?, "fbtrace_id"}}</c>.</summary>
internal static class FakeGraphErrors
{
    public static IResult InvalidToken() => Error(401, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);

    /// <summary>What Graph answers a token that expired (subcode 463) or whose user took the app's access away (460:
    /// password changed, 458: app removed): HTTP 400, code 190.</summary>
    public static IResult TokenRefused(int subcode, string message) =>
        Error(400, $"Error validating access token: {message}", "OAuthException", 190, subcode: subcode);

    public static IResult UnknownObject(string id) => Error(400,
        $"Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
        "GraphMethodException", 100, subcode: 33);

    public static IResult InvalidProof() => Error(400, "Invalid appsecret_proof provided in the API argument", "GraphMethodException", 100);

    public static IResult InvalidParameter(string details) => Error(400, "(#100) Invalid parameter", "OAuthException", 100, details);

    /// <summary>A permission the token was not granted: <c>(#200)</c>, HTTP 403.</summary>
    public static IResult PermissionMissing(string permission) =>
        Error(403, $"(#200) The user hasn't authorized the application to perform this action. Requires {permission}", "OAuthException", 200);

    /// <summary>Meta's throttling: code 4 (the app's calls), 17 (the user's), 32 (the page's), with HTTP 400, not 429.</summary>
    public static IResult RateLimited(int code) => Error(400, code switch
    {
        4 => "(#4) Application request limit reached",
        17 => "(#17) User request limit reached",
        _ => "(#32) Page request limit reached",
    }, "OAuthException", code, subcode: code == 17 ? 2446079 : null);

    public static IResult Error(int status, string message, string type, int code, string? details = null, int? subcode = null)
    {
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code };
        if (subcode is not null)
        {
            error["error_subcode"] = subcode;
        }

        if (details is not null)
        {
            error["error_data"] = new JsonObject { ["details"] = details };
        }

        error["fbtrace_id"] = "A" + Guid.NewGuid().ToString("N")[..22];
        return Results.Json(new JsonObject { ["error"] = error }, statusCode: status);
    }
}
