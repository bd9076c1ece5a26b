using System.Security.Cryptography;
using Integrations.Testing.Fakes.Zoom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>Zoom's OAuth for user-managed General apps (zoom.us/oauth/authorize, /oauth/token with HTTP Basic client
/// credentials, /oauth/revoke) and <c>GET /v2/users/me</c>. Refresh tokens rotate on every refresh: the old one is refused
/// once used. API errors are Zoom's <c>{code, message}</c>. Not faked: Server-to-Server OAuth, the deauthorization event,
/// per-scope consent checkboxes (the app's scopes are granted as a whole).</summary>
internal sealed class ZoomStyle : ProviderStyle
{
    public override string Name => "Zoom";

    public override string AuthorizePath => "/oauth/authorize";

    public override string TokenPath => "/oauth/token";

    public override string? RevokePath => "/oauth/revoke";

    public override string IdentityPath => "/v2/users/me";

    public override bool RequiresBasicClientAuth => true;

    public override bool RotatesRefreshTokens(FakeOAuthOptions options) => true;

    public override TokenShapes Shapes(bool rotates) => new("obBEe8ewaL_", "eyJzdiI6IjAwMDAwMSIsImFsZyI6IkhTNTEyIn0.", "eyJzdiI6IjAwMDAwMSIsInJ0IjoxfQ.");

    public override FakeOAuthClient NewClient(IReadOnlyList<string> redirectUris) =>
        new(TokenShapes.Random(16)[..22].Replace('-', 'a').Replace('_', 'b'), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), redirectUris);

    public override IReadOnlyList<string> Scopes(IQueryCollection query) =>
        query["scope"].ToString().Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);

    public override bool IssuesRefreshToken(AuthorizationRequest request, bool firstConsent, bool rotates) => true;

    public override string UnknownClient(string? clientId) => "Invalid client_id: " + clientId + " (4,700)";

    public override string RedirectUriMismatch(string? redirectUri) => "Invalid redirect: " + redirectUri + " (4,700)";

    public override IResult Issued(FakeTokens tokens) => Results.Json(new Dictionary<string, object?>
    {
        ["access_token"] = tokens.AccessToken,
        ["token_type"] = "bearer",
        ["refresh_token"] = tokens.RefreshToken,
        ["expires_in"] = (int)tokens.ExpiresIn!.Value.TotalSeconds,
        ["scope"] = string.Join(' ', tokens.Grant.Scopes),
        ["api_url"] = "https://api.zoom.us",
    });

    public override IResult Refused(GrantRefusal refusal) => refusal switch
    {
        GrantRefusal.UnknownRefreshToken or GrantRefusal.RefreshTokenReused or GrantRefusal.GrantRevoked => Error(400, "invalid_grant", "Invalid Token!"),
        GrantRefusal.MissingVerifier or GrantRefusal.VerifierMismatch => Error(400, "invalid_request", "Invalid code_verifier"),
        GrantRefusal.RedirectUriMismatch => Error(400, "invalid_request", "Redirect URI mismatch."),
        _ => Error(400, "invalid_grant", "Invalid authorization code"),
    };

    public override IResult ClientRefused(ClientRefusal refusal, string? clientId) => Error(401, "invalid_client", "Invalid client_id or client_secret");

    public override IResult UnsupportedGrantType(string grantType) => Error(400, "unsupported_grant_type", "Unsupported grant type");

    public override void MapAccountEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(RevokePath!, Revoke);
        endpoints.MapGet(IdentityPath, Me).RequireFakeAccessToken();
    }

    public override IResult Unauthorized(HttpContext context, AccessTokenState state) =>
        ApiError(401, 124, state == AccessTokenState.Expired ? "Access token is expired." : "Invalid access token.");

    public override IResult Fault(int status) => status == 429
        ? ApiError(429, 429, "You have reached the maximum per-second rate limit for this API. Try again later.")
        : ApiError(status, status, "Internal Error.");

    /// <summary>Zoom's API error body: a numeric code and a message.</summary>
    public static IResult ApiError(int status, int code, string message) => Results.Json(new { code, message }, statusCode: status);

    private static IResult Me(HttpContext context)
    {
        var account = context.FakeGrant().Account;
        return Results.Json(new Dictionary<string, object?>
        {
            ["id"] = FakeZoomIds.UserId(account),
            ["first_name"] = account.Name.Split(' ')[0],
            ["last_name"] = account.Name.Split(' ')[^1],
            ["display_name"] = account.Name,
            ["email"] = account.Email,
            ["type"] = 2,
            ["role_name"] = "Member",
            ["pmi"] = 5_551_234_567,
            ["use_pmi"] = false,
            ["timezone"] = "UTC",
            ["verified"] = 1,
            ["dept"] = "",
            ["created_at"] = "2024-01-10T09:00:00Z",
            ["last_login_time"] = "2026-12-01T08:00:00Z",
            ["language"] = "en-US",
            ["status"] = "active",
            ["role_id"] = "2",
            ["account_id"] = FakeZoomIds.AccountId(account),
            ["account_number"] = 12_345_678,
            ["cluster"] = "us06",
            ["user_created_at"] = "2024-01-10T09:00:00Z",
        });
    }

    /// <summary><c>POST /oauth/revoke?token=…</c> with the client's HTTP Basic credentials, as Zoom documents it.</summary>
    private static IResult Revoke(HttpRequest request, FakeOAuthProvider provider)
    {
        var credentials = ClientCredentials.Read(request, FormCollection.Empty);
        if (!System.Net.Http.Headers.AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || header.Scheme != "Basic"
            || provider.Grants.Authenticate(credentials).Client is null)
        {
            return Error(401, "invalid_client", "Invalid client_id or client_secret");
        }

        if (!provider.Grants.Revoke(request.Query["token"]))
        {
            return Error(400, "invalid_request", "Invalid Token!");
        }

        provider.Counters.Revoked();
        return Results.Json(new { status = "success" });
    }

    private static IResult Error(int status, string error, string reason) => Results.Json(new { reason, error }, statusCode: status);
}
