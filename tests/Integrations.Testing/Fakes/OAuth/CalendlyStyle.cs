using Integrations.Testing.Fakes.Calendly;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>Calendly's OAuth 2.1 (auth.calendly.com): PKCE, two-hour access tokens, single-use refresh tokens that rotate
/// on every refresh, <c>owner</c> and <c>organization</c> in the token answer, <c>/oauth/revoke</c>, and the API's
/// <c>GET /users/me</c>. API errors are <c>{ title, message }</c>. Not faked: Calendly's consent page wording, the
/// 10-minute code lifetime (the fake's own applies).</summary>
internal sealed class CalendlyStyle : ProviderStyle
{
    public override string Name => "Calendly";

    public override string AuthorizePath => "/oauth/authorize";

    public override string TokenPath => "/oauth/token";

    public override string? RevokePath => "/oauth/revoke";

    public override string IdentityPath => "/users/me";

    public override bool RotatesRefreshTokens(FakeOAuthOptions options) => true;

    public override TokenShapes Shapes(bool rotates) => new("", "eyJraWQiOiIxY2UxZTEzNjE3ZGNmNzY2YjNjZWJjY2Y4ZGM1YmFmYThhNjVlNjg0MDIzZjdjMzJiZTgzNDliMjM4MDEzNWI0IiwidHlwIjoiUEFUIiwiYWxnIjoiRVMyNTYifQ.", "");

    public override FakeOAuthClient NewClient(IReadOnlyList<string> redirectUris) =>
        new(TokenShapes.Random(32), TokenShapes.Random(32), redirectUris);

    public override bool IssuesRefreshToken(AuthorizationRequest request, bool firstConsent, bool rotates) => true;

    public override string UnknownClient(string? clientId) => "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.";

    public override string RedirectUriMismatch(string? redirectUri) => "The redirect uri included is not valid.";

    public override IResult Issued(FakeTokens tokens) => Results.Json(new
    {
        token_type = "Bearer",
        expires_in = (int)tokens.ExpiresIn!.Value.TotalSeconds,
        created_at = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        refresh_token = tokens.RefreshToken,
        access_token = tokens.AccessToken,
        scope = string.Join(' ', tokens.Grant.Scopes),
        owner = FakeCalendly.UserUri(tokens.Grant.Account),
        organization = FakeCalendly.OrganizationUri(tokens.Grant.Account),
    });

    public override IResult Refused(GrantRefusal refusal) => Error(400, "invalid_grant",
        "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.");

    public override IResult ClientRefused(ClientRefusal refusal, string? clientId) => Error(401, "invalid_client", UnknownClient(clientId));

    public override IResult UnsupportedGrantType(string grantType) =>
        Error(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");

    public override void MapAccountEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(RevokePath!, Revoke);
        endpoints.MapGet(IdentityPath, Me).RequireFakeAccessToken();
    }

    public override IResult Unauthorized(HttpContext context, AccessTokenState state) => FakeCalendly.Error(401, "Unauthenticated", state switch
    {
        AccessTokenState.Missing => "The access token is missing.",
        AccessTokenState.Expired => "The access token expired",
        AccessTokenState.Revoked => "The access token is revoked",
        _ => "The access token is invalid",
    });

    public override IResult Fault(int status) => status == 429
        ? FakeCalendly.Error(429, "Too Many Requests", "You have exceeded the rate limit. Please try again later.")
        : FakeCalendly.Error(status, "Internal Server Error", "The server encountered an unexpected condition that prevented it from fulfilling the request.");

    private static IResult Me(HttpContext context)
    {
        var account = context.FakeGrant().Account;
        return Results.Json(new
        {
            resource = new
            {
                uri = FakeCalendly.UserUri(account),
                name = account.Name,
                slug = account.Email.Split('@')[0].Replace('.', '-'),
                email = account.Email,
                scheduling_url = $"https://calendly.com/{account.Email.Split('@')[0].Replace('.', '-')}",
                timezone = "Europe/Lisbon",
                avatar_url = (string?)null,
                created_at = "2024-01-02T10:00:00.000000Z",
                updated_at = "2026-11-02T10:00:00.000000Z",
                current_organization = FakeCalendly.OrganizationUri(account),
                resource_type = "User",
                locale = "en",
            },
        });
    }

    /// <summary>RFC 7009's <c>token=</c> form (Calendly's reference also lists <c>client_id</c> and <c>client_secret</c>,
    /// which this fake does not check); an unknown token is answered 200 too.</summary>
    private static IResult Revoke(HttpRequest request, FakeOAuthProvider provider)
    {
        var form = request.HasFormContentType ? request.Form : FormCollection.Empty;
        if (provider.Grants.Revoke(form["token"]))
        {
            provider.Counters.Revoked();
        }

        return Results.Json(new { });
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);
}
