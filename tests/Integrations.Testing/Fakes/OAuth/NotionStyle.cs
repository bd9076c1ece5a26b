using Integrations.Testing.Fakes.Notion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>Notion's OAuth for public integrations (api.notion.com/v1/oauth): <c>owner=user</c> on the authorize URL, no
/// scopes (the user picks pages on the consent page), the token request as JSON with the client in HTTP Basic. The
/// answer names the workspace (<c>workspace_id</c>, <c>workspace_name</c>), the <c>bot_id</c> and the <c>owner</c>.
/// Tokens never expire, unless <see cref="FakeOAuthOptions.RefreshTokens"/> turns on the newer flow: <c>expires_in</c>
/// and a <c>refresh_token</c> that rotates on each use. Errors: OAuth's <c>{error, error_description}</c> at the token
/// URL, <c>{object: "error", status, code, message}</c> from the API. Not faked: the page picker's wording.</summary>
internal sealed class NotionStyle : ProviderStyle
{
    public override string Name => "Notion";

    public override string AuthorizePath => "/v1/oauth/authorize";

    public override string TokenPath => "/v1/oauth/token";

    public override string? RevokePath => null;

    public override string IdentityPath => "/v1/users/me";

    public override bool RequiresBasicClientAuth => true;

    public override bool TakesJsonTokenBody => true;

    public override bool RotatesRefreshTokens(FakeOAuthOptions options) => options.RefreshTokens;

    public override bool AccessTokensExpire(bool rotates) => rotates;

    public override TokenShapes Shapes(bool rotates) => new("ntn_", "nrt_", "");

    public override FakeOAuthClient NewClient(IReadOnlyList<string> redirectUris) =>
        new(Guid.NewGuid().ToString("D"), "secret_" + TokenShapes.Random(32), redirectUris);

    public override IReadOnlyList<string> Scopes(IQueryCollection query) => [];

    public override bool IssuesRefreshToken(AuthorizationRequest request, bool firstConsent, bool rotates) => rotates;

    public override bool GrantsRefreshTokens(FakeOAuthOptions options, bool rotates) => rotates;

    public override string UnknownClient(string? clientId) => "Invalid client.";

    public override string RedirectUriMismatch(string? redirectUri) => "Invalid redirect_uri.";

    public override IResult Issued(FakeTokens tokens)
    {
        var account = tokens.Grant.Account;
        var body = new Dictionary<string, object?>
        {
            ["access_token"] = tokens.AccessToken,
            ["token_type"] = "bearer",
            ["bot_id"] = FakeNotion.BotId(account),
            ["workspace_name"] = account.TeamName,
            ["workspace_icon"] = null,
            ["workspace_id"] = FakeNotion.WorkspaceId(account),
            ["owner"] = new { type = "user", user = new { @object = "user", id = FakeNotion.UserId(account), name = account.Name, type = "person", person = new { email = account.Email } } },
            ["duplicated_template_id"] = null,
            ["request_id"] = Guid.NewGuid().ToString("D"),
        };
        if (tokens.ExpiresIn is { } expires)
        {
            body["expires_in"] = (int)expires.TotalSeconds;
        }

        if (tokens.RefreshToken is not null)
        {
            body["refresh_token"] = tokens.RefreshToken;
        }

        return Results.Json(body);
    }

    public override IResult Refused(GrantRefusal refusal) => Error(400, "invalid_grant", refusal switch
    {
        GrantRefusal.UnknownRefreshToken or GrantRefusal.RefreshTokenReused or GrantRefusal.GrantRevoked => "Invalid refresh token.",
        _ => "Invalid code.",
    });

    public override IResult ClientRefused(ClientRefusal refusal, string? clientId) => Error(401, "invalid_client", UnknownClient(clientId));

    public override IResult UnsupportedGrantType(string grantType) => Error(400, "unsupported_grant_type", $"Unsupported grant type: {grantType}.");

    public override void MapAccountEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(IdentityPath, (HttpContext context) => Results.Json(new
        {
            @object = "user",
            id = FakeNotion.BotId(context.FakeGrant().Account),
            type = "bot",
            bot = new { workspace_name = context.FakeGrant().Account.TeamName },
        })).RequireFakeAccessToken();

    public override IResult Unauthorized(HttpContext context, AccessTokenState state) =>
        FakeNotion.Error(401, "unauthorized", "API token is invalid.");

    public override IResult Fault(int status) => status == 429
        ? FakeNotion.Error(429, "rate_limited", "This request exceeds the number of requests allowed. Slow down and try again.")
        : FakeNotion.Error(status, "internal_server_error", "Unexpected error occurred.");

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: status);
}
