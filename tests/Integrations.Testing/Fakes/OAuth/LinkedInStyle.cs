using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>LinkedIn's 3-legged OAuth 2.0 (www.linkedin.com/oauth/v2) with "Sign In with LinkedIn using OpenID Connect"
/// (api.linkedin.com/v2/userinfo). Access tokens last 60 days (<c>expires_in</c> 5184000: give the fake that lifetime);
/// refresh tokens only for approved partners (<see cref="FakeOAuthOptions.RefreshTokens"/>), with
/// <c>refresh_token_expires_in</c>, not rotated. No revocation endpoint for member tokens. API errors are
/// <c>{message, serviceErrorCode, status}</c>. Not faked: <c>id_token</c> (a signed JWT; the identity comes from
/// userinfo), the refresh token's TTL counting down from the first consent (always a year here), PKCE (native apps only).</summary>
internal sealed class LinkedInStyle(bool refreshTokens) : ProviderStyle
{
    public const int RefreshTokenSeconds = 31_536_000;

    public override string Name => "LinkedIn";

    public override string AuthorizePath => "/oauth/v2/authorization";

    public override string TokenPath => "/oauth/v2/accessToken";

    public override string? RevokePath => null;

    public override string IdentityPath => "/v2/userinfo";

    public override bool RotatesRefreshTokens(FakeOAuthOptions options) => false;

    public override TokenShapes Shapes(bool rotates) => new("AQT", "AQV", "AQX");

    public override FakeOAuthClient NewClient(IReadOnlyList<string> redirectUris) =>
        new(TokenShapes.Random(10).ToLowerInvariant().Replace('-', 'a').Replace('_', 'b')[..14], "WPL_AP1." + TokenShapes.Random(12), redirectUris);

    public override bool IssuesRefreshToken(AuthorizationRequest request, bool firstConsent, bool rotates) => refreshTokens;

    public override bool GrantsRefreshTokens(FakeOAuthOptions options, bool rotates) => options.RefreshTokens;

    public override IEnumerable<KeyValuePair<string, string?>> Denied() =>
        [new("error", "user_cancelled_authorize"), new("error_description", "The user cancelled the authorization")];

    public override string UnknownClient(string? clientId) => "The passed in client_id is invalid \"" + clientId + "\"";

    public override string RedirectUriMismatch(string? redirectUri) => "The redirect_uri does not match the registered value";

    /// <summary>Scopes come back comma-separated.</summary>
    public override IResult Issued(FakeTokens tokens)
    {
        var body = new Dictionary<string, object?>
        {
            ["access_token"] = tokens.AccessToken,
            ["expires_in"] = (int)tokens.ExpiresIn!.Value.TotalSeconds,
            ["scope"] = string.Join(',', tokens.Grant.Scopes),
            ["token_type"] = "Bearer",
        };
        if (tokens.RefreshToken is not null)
        {
            body["refresh_token"] = tokens.RefreshToken;
            body["refresh_token_expires_in"] = RefreshTokenSeconds;
        }

        return Results.Json(body);
    }

    public override IResult Refused(GrantRefusal refusal) => refusal switch
    {
        GrantRefusal.UnknownRefreshToken or GrantRefusal.RefreshTokenReused or GrantRefusal.GrantRevoked
            => Error(400, "invalid_grant", "The provided refresh token is invalid"),
        _ => Error(400, "invalid_request",
            "Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists"),
    };

    public override IResult ClientRefused(ClientRefusal refusal, string? clientId) => refusal == ClientRefusal.MissingSecret
        ? Error(400, "invalid_request", "A required parameter \"client_secret\" is missing")
        : Error(401, "invalid_client", "Client authentication failed");

    public override IResult UnsupportedGrantType(string grantType) => Error(400, "unsupported_grant_type", $"Unsupported grant type: {grantType}");

    public override void MapAccountEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(IdentityPath, UserInfo).RequireFakeAccessToken();

    public override IResult Unauthorized(HttpContext context, AccessTokenState state) => state switch
    {
        AccessTokenState.Missing => ApiError(401, 401, "Empty oauth2_access_token"),
        AccessTokenState.Expired => ApiError(401, 65602, "The token used in the request has expired"),
        AccessTokenState.Revoked => ApiError(401, 65601, "The token used in the request has been revoked by the user"),
        _ => ApiError(401, 65600, "Invalid access token"),
    };

    public override IResult Fault(int status) => status == 429
        ? ApiError(429, 101, "Resource level throttle MEMBER DAY limit for calls to this resource is reached.")
        : ApiError(status, 0, "Internal Server Error");

    /// <summary>LinkedIn's error body for its REST APIs.</summary>
    public static IResult ApiError(int status, int serviceErrorCode, string message) =>
        Results.Json(new { message, serviceErrorCode, status }, statusCode: status);

    /// <summary>OpenID Connect userinfo: <c>sub</c> always, the name and picture with <c>profile</c>, the email with <c>email</c>.</summary>
    private static IResult UserInfo(HttpContext context)
    {
        var grant = context.FakeGrant();
        var account = grant.Account;
        var claims = new Dictionary<string, object?> { ["sub"] = account.LinkedInId };
        if (grant.Allows("profile"))
        {
            claims["name"] = account.Name;
            claims["given_name"] = account.Name.Split(' ')[0];
            claims["family_name"] = account.Name.Split(' ')[^1];
            claims["picture"] = $"https://media.licdn.com/dms/image/v2/{account.LinkedInId}/profile-displayphoto-shrink_100_100/0/1";
            claims["locale"] = new { country = "US", language = "en" };
        }

        if (grant.Allows("email"))
        {
            claims["email"] = account.Email;
            claims["email_verified"] = true;
        }

        return Results.Json(claims);
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);
}
