using System.Net;
using Microsoft.AspNetCore.Http;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>The provider's consent page: who asks (the client id), for which account, which scopes, and the two buttons
/// browser tests click (<c>#allow</c>, <c>#deny</c>); and the page that refuses a request it cannot redirect.</summary>
internal static class ConsentPage
{
    public static IResult Ask(ProviderStyle style, AuthorizationRequest request, FakeAccount account)
    {
        var scopes = string.Concat(request.Scopes.Select(s => $"<li>{Encode(s)}</li>"));
        return Results.Content(
            $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in - {Encode(style.Name)}</title></head>
            <body>
              <h1>{Encode(style.Name)}</h1>
              <p><strong id="client">{Encode(request.Client.Id)}</strong> wants to access
                 <strong id="account">{Encode(style.AccountLabel(account))}</strong></p>
              <ul id="scopes">{scopes}</ul>
              <form method="post">
                <button id="allow" name="decision" value="allow">Allow</button>
                <button id="deny" name="decision" value="deny">Deny</button>
              </form>
            </body></html>
            """,
            "text/html; charset=utf-8");
    }

    public static IResult Refuse(ProviderStyle style, string error) => Results.Content(
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Error - {Encode(style.Name)}</title></head>
        <body><h1>{Encode(style.Name)}</h1><p id="error">{Encode(error)}</p></body></html>
        """,
        "text/html; charset=utf-8",
        statusCode: StatusCodes.Status400BadRequest);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
