using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Integrations.Testing.Fakes.WhatsApp;

/// <summary>Graph API errors as Meta answers them: <c>{"error": {"message", "type", "code", "error_subcode"?,
/// "error_data"?, "fbtrace_id"}}</c>.</summary>
internal static class FakeWhatsAppErrors
{
    public static IResult InvalidToken() => Error(401, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);

    public static IResult UnknownObject(string id) => Error(400,
        $"Unsupported get request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
        "GraphMethodException", 100, subcode: 33);

    public static IResult InvalidProof() => Error(400, "Invalid appsecret_proof provided in the API argument", "GraphMethodException", 100);

    public static IResult InvalidParameter(string details) => Error(400, "(#100) Invalid parameter", "OAuthException", 100, details);

    public static IResult ReEngagement() => Error(400, "(#131047) Re-engagement message", "OAuthException", 131047,
        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");

    public static IResult UnknownTemplate(string name, string language) => Error(404, "(#132001) Template name does not exist in the translation",
        "OAuthException", 132001, $"template name ({name}) does not exist in {language}");

    public static IResult ParameterCount(int expected, int given) => Error(400, "(#132000) Number of parameters does not match the expected number of params",
        "OAuthException", 132000, $"body: number of localizable_params ({given}) does not match the expected number of params ({expected})");

    private static IResult Error(int status, string message, string type, int code, string? details = null, int? subcode = null)
    {
        var error = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code };
        if (subcode is not null)
        {
            error["error_subcode"] = subcode;
        }

        if (details is not null)
        {
            error["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = details };
        }

        error["fbtrace_id"] = "A" + Guid.NewGuid().ToString("N")[..22];
        return Results.Json(new JsonObject { ["error"] = error }, statusCode: status);
    }
}
