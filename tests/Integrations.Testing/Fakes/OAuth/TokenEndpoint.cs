using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>The token endpoint: authenticates the client, then redeems a code or a refresh token; the style words the
/// answer.</summary>
internal static class TokenEndpoint
{
    public const string Name = "token";

    public static void MapToken(this IEndpointRouteBuilder endpoints, ProviderStyle style) =>
        endpoints.MapPost(style.TokenPattern, ExchangeAsync).WithName(Name);

    /// <summary>The grant type a token request counts under (Slack's may be left out).</summary>
    public static string GrantType(ProviderStyle style, IFormCollection form) =>
        form["grant_type"].ToString() is { Length: > 0 } given ? given : style.DefaultGrantType;

    private static async Task<IResult> ExchangeAsync(HttpRequest request, FakeOAuthProvider provider)
    {
        var style = provider.Style;
        if (style.TakesJsonTokenBody && !request.HasJsonContentType())
        {
            return Results.Json(new { error = "invalid_request", error_description = "Request body must be JSON." }, statusCode: 400);
        }

        var form = await TokenParameters.ReadAsync(request, request.HttpContext.RequestAborted) ?? FormCollection.Empty;
        var credentials = ClientCredentials.Read(request, form);
        var (client, refusal) = provider.Grants.Authenticate(credentials);
        if (style.RequiresBasicClientAuth && !request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return style.ClientRefused(ClientRefusal.MissingSecret, credentials.Id);
        }

        if (client is null)
        {
            return style.ClientRefused(refusal, credentials.Id);
        }

        var grantType = GrantType(style, form);
        var outcome = grantType switch
        {
            "authorization_code" => provider.Grants.Redeem(client, form["code"], form["redirect_uri"], form["code_verifier"]),
            "refresh_token" => provider.Grants.Refresh(client, form["refresh_token"]),
            _ => null,
        };
        return outcome switch
        {
            null => style.UnsupportedGrantType(grantType),
            { Tokens: { } tokens } => style.Issued(tokens),
            _ => style.Refused(outcome.Refusal!.Value),
        };
    }
}
