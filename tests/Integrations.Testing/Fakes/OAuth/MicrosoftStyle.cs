using Integrations.Testing.Fakes.Graph;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>The Microsoft identity platform's v2.0 authorization code flow (login.microsoftonline.com, any tenant) and
/// Microsoft Graph's <c>/me</c>. Refresh tokens always rotate; there is no token revocation endpoint. Errors carry
/// AADSTS codes. Not faked: <c>id_token</c>, <c>response_mode=form_post</c>, admin consent, certificate credentials.</summary>
internal sealed class MicrosoftStyle(TimeProvider clock) : ProviderStyle
{
    public override string Name => "Microsoft";

    public override string AuthorizePattern => "/{tenant}/oauth2/v2.0/authorize";

    public override string TokenPattern => "/{tenant}/oauth2/v2.0/token";

    public override string AuthorizePath => "/common/oauth2/v2.0/authorize";

    public override string TokenPath => "/common/oauth2/v2.0/token";

    public override string? RevokePath => null;

    public override string IdentityPath => "/v1.0/me";

    public override bool RotatesRefreshTokens(FakeOAuthOptions options) => true;

    public override TokenShapes Shapes(bool rotates) => new("1.AXkA", "EwA", "0.AXkA");

    public override FakeOAuthClient NewClient(IReadOnlyList<string> redirectUris) =>
        new(Guid.NewGuid().ToString(), $"{TokenShapes.Random(3)[..3]}8Q~{TokenShapes.Random(27)[..34]}", redirectUris);

    /// <summary>A refresh token comes only with the <c>offline_access</c> scope.</summary>
    public override bool IssuesRefreshToken(AuthorizationRequest request, bool firstConsent, bool rotates) =>
        request.Scopes.Contains("offline_access", StringComparer.OrdinalIgnoreCase);

    public override IEnumerable<KeyValuePair<string, string?>> Denied() =>
        [new("error", "access_denied"), new("error_description", "AADSTS65004: User declined to consent to access the app.")];

    public override string UnknownClient(string? clientId) =>
        $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory.";

    public override string RedirectUriMismatch(string? redirectUri) =>
        $"AADSTS50011: The redirect URI '{redirectUri}' specified in the request does not match the redirect URIs configured for the application.";

    public override IResult Issued(FakeTokens tokens)
    {
        var seconds = (int)tokens.ExpiresIn!.Value.TotalSeconds;
        var body = new Dictionary<string, object?>
        {
            ["token_type"] = "Bearer",
            ["scope"] = string.Join(' ', tokens.Grant.Scopes),
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = tokens.AccessToken,
        };
        if (tokens.RefreshToken is not null)
        {
            body["refresh_token"] = tokens.RefreshToken;
        }

        return Results.Json(body);
    }

    public override IResult Refused(GrantRefusal refusal) => refusal switch
    {
        GrantRefusal.CodeAlreadyUsed => Error(400, "invalid_grant", 54005,
            "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."),
        GrantRefusal.CodeExpired or GrantRefusal.RefreshTokenReused => Error(400, "invalid_grant", 70008,
            "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource."),
        GrantRefusal.RedirectUriMismatch => Error(400, "invalid_grant", 500112,
            "The reply address does not match the reply address provided when requesting Authorization code."),
        GrantRefusal.MissingVerifier or GrantRefusal.VerifierMismatch => Error(400, "invalid_grant", 501481,
            "The Code_Verifier does not match the code_challenge supplied in the authorization request."),
        GrantRefusal.GrantRevoked => Error(400, "invalid_grant", 50173,
            "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password."),
        _ => Error(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."),
    };

    public override IResult ClientRefused(ClientRefusal refusal, string? clientId) => refusal switch
    {
        ClientRefusal.UnknownClient => Error(400, "unauthorized_client", 700016,
            $"Application with identifier '{clientId}' was not found in the directory."),
        ClientRefusal.MissingSecret => Error(401, "invalid_client", 7000218,
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
        _ => Error(401, "invalid_client", 7000215,
            $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'."),
    };

    public override IResult UnsupportedGrantType(string grantType) =>
        Error(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'.");

    public override void MapAccountEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(IdentityPath, Me).RequireFakeAccessToken();

    public override IResult Unauthorized(HttpContext context, AccessTokenState state)
    {
        context.Response.Headers.WWWAuthenticate =
            "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"";
        return GraphError(401, "InvalidAuthenticationToken", state switch
        {
            AccessTokenState.Missing => "Access token is empty.",
            AccessTokenState.Expired => "Lifetime validation failed, the token is expired.",
            AccessTokenState.Revoked => "Access token has been revoked.",
            _ => "IDX14100: JWT is not well formed, there are no dots (.).",
        });
    }

    public override IResult Fault(int status) => status == 429
        ? GraphError(status, "TooManyRequests", "Please retry again later.")
        : GraphError(status, "generalException", "An unexpected error occurred.");

    /// <summary>Graph's <c>/me</c> needs <c>User.Read</c> (or a wider user scope); without it, 403.</summary>
    private IResult Me(HttpContext context)
    {
        var grant = context.FakeGrant();
        if (!grant.Scopes.Any(s => s.Replace("https://graph.microsoft.com/", "", StringComparison.OrdinalIgnoreCase).StartsWith("User.", StringComparison.OrdinalIgnoreCase)))
        {
            return GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        }

        var account = grant.Account;
        return Results.Json(new Dictionary<string, object?>
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
            ["businessPhones"] = Array.Empty<string>(),
            ["displayName"] = account.Name,
            ["givenName"] = account.Name.Split(' ')[0],
            ["jobTitle"] = null,
            ["mail"] = account.Email,
            ["mobilePhone"] = null,
            ["officeLocation"] = null,
            ["preferredLanguage"] = null,
            ["surname"] = account.Name.Split(' ')[^1],
            ["userPrincipalName"] = account.Email,
            ["id"] = account.ObjectId,
        });
    }

    private IResult GraphError(int status, string code, string message) => GraphErrors.Json(clock, status, code, message);

    /// <summary>The identity platform's error body: AADSTS code, trace and correlation ids, timestamp.</summary>
    private IResult Error(int status, string error, int code, string message)
    {
        var (trace, correlation, now) = (Guid.NewGuid(), Guid.NewGuid(), clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ssZ"));
        return Results.Json(
            new
            {
                error,
                error_description = $"AADSTS{code}: {message}\r\nTrace ID: {trace}\r\nCorrelation ID: {correlation}\r\nTimestamp: {now}",
                error_codes = new[] { code },
                timestamp = now,
                trace_id = trace,
                correlation_id = correlation,
                error_uri = $"https://login.microsoftonline.com/error?code={code}",
            },
            statusCode: status);
    }
}
