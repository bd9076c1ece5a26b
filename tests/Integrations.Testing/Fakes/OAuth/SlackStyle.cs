using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>Slack's OAuth v2 app installation (bot tokens), with or without token rotation, and <c>auth.test</c> /
/// <c>auth.revoke</c>. Every Web API answer is HTTP 200 with <c>ok</c>, errors included (429 aside). Not faked: PKCE
/// (Slack documents no <c>code_verifier</c> for bot installs), user tokens (<c>xoxp-</c>, from <c>user_scope</c>: the
/// consent page shows those scopes, <c>authed_user</c> carries only the id), Enterprise Grid installs.</summary>
internal sealed class SlackStyle : ProviderStyle
{
    public override string Name => "Slack";

    public override string AuthorizePath => "/oauth/v2/authorize";

    public override string TokenPath => "/api/oauth.v2.access";

    public override string? RevokePath => "/api/auth.revoke";

    public override string IdentityPath => "/api/auth.test";

    public override bool StandardAuthorizeRequest => false;

    public override string DefaultGrantType => "authorization_code";

    public override bool RotatesRefreshTokens(FakeOAuthOptions options) => options.RotateRefreshTokens;

    /// <summary>Without rotation a bot token lives until revoked; with it, it expires (12 hours at Slack).</summary>
    public override bool AccessTokensExpire(bool rotates) => rotates;

    public override TokenShapes Shapes(bool rotates) =>
        new($"{TokenShapes.Digits(10)}.{TokenShapes.Digits(13)}.", rotates ? "xoxe.xoxb-1-" : "xoxb-", "xoxe-1-");

    public override FakeOAuthClient NewClient(IReadOnlyList<string> redirectUris) =>
        new($"{TokenShapes.Digits(10)}.{TokenShapes.Digits(13)}", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), redirectUris);

    public override IReadOnlyList<string> Scopes(IQueryCollection query) =>
        query["scope"].ToString().Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Only an app with token rotation gets refresh tokens.</summary>
    public override bool IssuesRefreshToken(AuthorizationRequest request, bool firstConsent, bool rotates) => rotates;

    public override bool GrantsRefreshTokens(FakeOAuthOptions options, bool rotates) => rotates;

    public override string AccountLabel(FakeAccount account) => $"{account.TeamName} ({account.TeamId})";

    public override string UnknownClient(string? clientId) => "Something went wrong when authorizing this app. Error details: invalid_client_id";

    public override string RedirectUriMismatch(string? redirectUri) => "Something went wrong when authorizing this app. Error details: bad_redirect_uri";

    public override IResult Issued(FakeTokens tokens)
    {
        var grant = tokens.Grant;
        var body = new Dictionary<string, object?>
        {
            ["ok"] = true,
            ["app_id"] = AppId(grant),
            ["authed_user"] = new { id = grant.Account.SlackUserId },
            ["scope"] = string.Join(',', grant.Scopes),
            ["token_type"] = "bot",
            ["access_token"] = tokens.AccessToken,
            ["bot_user_id"] = BotUserId(grant),
            ["team"] = new { id = grant.Account.TeamId, name = grant.Account.TeamName },
            ["enterprise"] = null,
            ["is_enterprise_install"] = false,
        };
        if (tokens.RefreshToken is not null)
        {
            body["refresh_token"] = tokens.RefreshToken;
        }

        if (tokens.ExpiresIn is { } expiresIn)
        {
            body["expires_in"] = (int)expiresIn.TotalSeconds;
        }

        return Results.Json(body);
    }

    public override IResult Refused(GrantRefusal refusal) => Error(refusal switch
    {
        GrantRefusal.RedirectUriMismatch => "bad_redirect_uri",
        GrantRefusal.UnknownRefreshToken or GrantRefusal.RefreshTokenReused or GrantRefusal.GrantRevoked => "invalid_refresh_token",
        _ => "invalid_code",
    });

    public override IResult ClientRefused(ClientRefusal refusal, string? clientId) =>
        Error(refusal == ClientRefusal.UnknownClient ? "invalid_client_id" : "bad_client_secret");

    public override IResult UnsupportedGrantType(string grantType) => Error("invalid_grant_type");

    public override void MapAccountEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(IdentityPath, ["GET", "POST"], AuthTest).RequireFakeAccessToken();
        endpoints.MapPost(RevokePath!, Revoke).RequireFakeAccessToken();
    }

    public override IResult Unauthorized(HttpContext context, AccessTokenState state) => Error(state switch
    {
        AccessTokenState.Missing => "not_authed",
        AccessTokenState.Expired => "token_expired",
        AccessTokenState.Revoked => "token_revoked",
        _ => "invalid_auth",
    });

    public override IResult Fault(int status) => Results.Json(new { ok = false, error = status == 429 ? "ratelimited" : "internal_error" }, statusCode: status);

    private static IResult AuthTest(HttpContext context)
    {
        var grant = context.FakeGrant();
        return Results.Json(new
        {
            ok = true,
            url = $"https://{grant.Account.TeamName.ToLowerInvariant().Replace(' ', '-')}.slack.com/",
            team = grant.Account.TeamName,
            user = "sentinel",
            team_id = grant.Account.TeamId,
            user_id = BotUserId(grant),
            bot_id = Stable("B", grant.Client.Id + grant.Account.TeamId),
            is_enterprise_install = false,
        });
    }

    /// <summary><c>test=true</c> checks the token without revoking it, as Slack's does.</summary>
    private static IResult Revoke(HttpContext context, FakeOAuthProvider provider)
    {
        var test = context.Request.HasFormContentType && context.Request.Form["test"] is var flag && (flag == "true" || flag == "1");
        if (test)
        {
            return Results.Json(new { ok = true, revoked = false });
        }

        provider.Grants.Revoke(FakeAccessTokens.PresentedToken(context.Request));
        provider.Counters.Revoked();
        return Results.Json(new { ok = true, revoked = true });
    }

    private static string AppId(FakeGrant grant) => Stable("A", grant.Client.Id);

    private static string BotUserId(FakeGrant grant) => Stable("U", grant.Client.Id + grant.Account.TeamId);

    private static string Stable(string prefix, string seed) => prefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..10];

    private static IResult Error(string error) => Results.Json(new { ok = false, error });
}
