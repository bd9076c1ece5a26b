using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>Google's OAuth 2.0 for web server apps (accounts.google.com, oauth2.googleapis.com) and OpenID Connect's
/// userinfo. Not faked: <c>id_token</c> (a signed JWT; the identity comes from userinfo), incremental authorization,
/// the 100-refresh-tokens-per-client limit.</summary>
internal sealed class GoogleStyle : ProviderStyle
{
    private const string Realm = "Bearer realm=\"https://accounts.google.com/\"";

    public override string Name => "Google";

    public override string AuthorizePath => "/o/oauth2/v2/auth";

    public override string TokenPath => "/token";

    public override string? RevokePath => "/revoke";

    public override string IdentityPath => "/v1/userinfo";

    public override bool RotatesRefreshTokens(FakeOAuthOptions options) => options.RotateRefreshTokens;

    public override TokenShapes Shapes(bool rotates) => new("4/0A", "ya29.a0", "1//0");

    public override FakeOAuthClient NewClient(IReadOnlyList<string> redirectUris) => new(
        $"{TokenShapes.Digits(12)}-{TokenShapes.Random(16).ToLowerInvariant().Replace('-', 'a').Replace('_', 'b')}.apps.googleusercontent.com",
        "GOCSPX-" + TokenShapes.Random(21),
        redirectUris);

    /// <summary>With <c>access_type=offline</c>, Google sends a refresh token the first time an account consents to a
    /// client, and again only when <c>prompt=consent</c> asks for consent anew.</summary>
    public override bool IssuesRefreshToken(AuthorizationRequest request, bool firstConsent, bool rotates) =>
        request.Query["access_type"] == "offline" && (firstConsent || request.Query["prompt"].ToString().Split(' ').Contains("consent"));

    public override IEnumerable<KeyValuePair<string, string?>> Allowed(AuthorizationRequest request) => [new("scope", Granted(request.Scopes))];

    public override string UnknownClient(string? clientId) => "Error 401: invalid_client. The OAuth client was not found.";

    public override string RedirectUriMismatch(string? redirectUri) =>
        $"Error 400: redirect_uri_mismatch. You can't sign in because this app sent an invalid request. redirect_uri={redirectUri}";

    public override IResult Issued(FakeTokens tokens)
    {
        var body = new Dictionary<string, object?>
        {
            ["access_token"] = tokens.AccessToken,
            ["expires_in"] = (int)tokens.ExpiresIn!.Value.TotalSeconds,
            ["scope"] = Granted(tokens.Grant.Scopes),
            ["token_type"] = "Bearer",
        };
        if (tokens.RefreshToken is not null)
        {
            body["refresh_token"] = tokens.RefreshToken;
        }

        return Results.Json(body);
    }

    public override IResult Refused(GrantRefusal refusal) => refusal switch
    {
        GrantRefusal.RedirectUriMismatch => Error(400, "redirect_uri_mismatch", "Bad Request"),
        GrantRefusal.MissingVerifier => Error(400, "invalid_grant", "Missing code verifier."),
        GrantRefusal.VerifierMismatch => Error(400, "invalid_grant", "Invalid code verifier."),
        GrantRefusal.UnknownRefreshToken or GrantRefusal.RefreshTokenReused or GrantRefusal.GrantRevoked
            => Error(400, "invalid_grant", "Token has been expired or revoked."),
        _ => Error(400, "invalid_grant", "Bad Request"),
    };

    public override IResult ClientRefused(ClientRefusal refusal, string? clientId) => refusal == ClientRefusal.UnknownClient
        ? Error(401, "invalid_client", "The OAuth client was not found.")
        : Error(401, "invalid_client", "Unauthorized");

    public override IResult UnsupportedGrantType(string grantType) => Error(400, "unsupported_grant_type", $"Invalid grant_type: {grantType}");

    public override void MapAccountEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(RevokePath!, Revoke);
        endpoints.MapMethods(IdentityPath, ["GET", "POST"], UserInfo).RequireFakeAccessToken();
    }

    public override IResult Unauthorized(HttpContext context, AccessTokenState state)
    {
        var missing = state == AccessTokenState.Missing;
        context.Response.Headers.WWWAuthenticate = missing ? Realm : Realm + ", error=\"invalid_token\"";
        return Results.Json(
            new
            {
                error = new
                {
                    code = 401,
                    message = missing
                        ? "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential."
                        : "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
                    status = "UNAUTHENTICATED",
                },
            },
            statusCode: 401);
    }

    public override IResult Fault(int status) => Results.Json(
        new
        {
            error = status == 429
                ? new { code = status, message = "Resource has been exhausted (e.g. check quota).", status = "RESOURCE_EXHAUSTED" }
                : new { code = status, message = "Internal error encountered.", status = "INTERNAL" },
        },
        statusCode: status);

    /// <summary>Google answers the <c>email</c> and <c>profile</c> shorthands with their full scope URLs.</summary>
    private static string Granted(IEnumerable<string> scopes) => string.Join(' ', scopes.Select(s => s switch
    {
        "email" => "https://www.googleapis.com/auth/userinfo.email",
        "profile" => "https://www.googleapis.com/auth/userinfo.profile",
        _ => s,
    }));

    private static IResult Revoke(HttpRequest request, FakeOAuthProvider provider)
    {
        if (!provider.Grants.Revoke((request.HasFormContentType ? (string?)request.Form["token"] : null) ?? request.Query["token"]))
        {
            return Error(400, "invalid_token", "Token expired or revoked");
        }

        provider.Counters.Revoked();
        return Results.Ok();
    }

    /// <summary>OpenID Connect userinfo: <c>sub</c> always, the email with the email scope, the name with the profile scope.</summary>
    private static IResult UserInfo(HttpContext context)
    {
        var grant = context.FakeGrant();
        var scopes = Granted(grant.Scopes);
        var claims = new Dictionary<string, object?> { ["sub"] = grant.Account.Subject };
        if (scopes.Contains("userinfo.email", StringComparison.Ordinal))
        {
            claims["email"] = grant.Account.Email;
            claims["email_verified"] = true;
        }

        if (scopes.Contains("userinfo.profile", StringComparison.Ordinal))
        {
            claims["name"] = grant.Account.Name;
            claims["given_name"] = grant.Account.Name.Split(' ')[0];
            claims["family_name"] = grant.Account.Name.Split(' ')[^1];
        }

        return Results.Json(claims);
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);
}
