using Integrations.Testing.Fakes.Meta;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>Facebook Login (manually built flow) at <c>/{version}/dialog/oauth</c> and Graph's
/// <c>/{version}/oauth/access_token</c>: scopes comma-separated, no PKCE, no refresh tokens. The code gives a
/// short-lived user token (the fake's <see cref="FakeOAuthOptions.AccessTokenLifetime"/>, an hour by default);
/// <c>GET …/oauth/access_token?grant_type=fb_exchange_token</c> exchanges a valid one for a long-lived one (60 days).
/// <c>/me</c> answers <c>{id, name}</c>. Errors are Graph's (<see cref="FakeGraphErrors"/>): a refused token is HTTP 400
/// with code 190 (subcode 463 expired, 460 password changed). No revocation endpoint is faked.</summary>
internal sealed class MetaStyle : ProviderStyle
{
    public static readonly TimeSpan LongLived = TimeSpan.FromSeconds(5_184_000);

    public override string Name => "Meta";

    public override string AuthorizePath => $"/{FakeMeta.Version}/dialog/oauth";

    public override string TokenPath => $"/{FakeMeta.Version}/oauth/access_token";

    public override string? RevokePath => null;

    public override string IdentityPath => $"/{FakeMeta.Version}/me";

    public override bool RotatesRefreshTokens(FakeOAuthOptions options) => false;

    public override TokenShapes Shapes(bool rotates) => new("AQ", "EAAG", "none");

    public override FakeOAuthClient NewClient(IReadOnlyList<string> redirectUris) =>
        new(TokenShapes.Digits(15), Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), redirectUris);

    public override IReadOnlyList<string> Scopes(IQueryCollection query) =>
        query["scope"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override bool IssuesRefreshToken(AuthorizationRequest request, bool firstConsent, bool rotates) => false;

    public override bool GrantsRefreshTokens(FakeOAuthOptions options, bool rotates) => false;

    public override IEnumerable<KeyValuePair<string, string?>> Denied() =>
        [new("error", "access_denied"), new("error_code", "200"), new("error_description", "Permissions error"), new("error_reason", "user_denied")];

    public override string UnknownClient(string? clientId) => $"Invalid App ID: {clientId}";

    public override string RedirectUriMismatch(string? redirectUri) =>
        "URL blocked: This redirect failed because the redirect URI is not whitelisted in the app's client OAuth settings.";

    public override IResult Issued(FakeTokens tokens) =>
        Results.Json(new { access_token = tokens.AccessToken, token_type = "bearer", expires_in = (int)tokens.ExpiresIn!.Value.TotalSeconds });

    public override IResult Refused(GrantRefusal refusal) => refusal == GrantRefusal.CodeAlreadyUsed
        ? FakeGraphErrors.Error(400, "This authorization code has been used.", "OAuthException", 100, subcode: 36009)
        : FakeGraphErrors.Error(400, "Invalid verification code format.", "OAuthException", 100, subcode: 36007);

    public override IResult ClientRefused(ClientRefusal refusal, string? clientId) => refusal == ClientRefusal.UnknownClient
        ? FakeGraphErrors.Error(400, "Error validating application. Invalid application ID.", "OAuthException", 101)
        : FakeGraphErrors.Error(400, "Error validating client secret.", "OAuthException", 1);

    public override IResult UnsupportedGrantType(string grantType) => FakeGraphErrors.Error(400, $"Unsupported grant_type: {grantType}", "OAuthException", 100);

    public override void MapAccountEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(IdentityPath, (HttpContext context) => Results.Json(new { id = context.FakeGrant().Account.FacebookId, name = context.FakeGrant().Account.Name }))
            .RequireFakeAccessToken();
        endpoints.MapGet(TokenPath, Exchange);
    }

    public override IResult Unauthorized(HttpContext context, AccessTokenState state) => state switch
    {
        AccessTokenState.Missing => FakeGraphErrors.Error(400, "An active access token must be used to query information about the current user.", "OAuthException", 2500),
        AccessTokenState.Expired => FakeGraphErrors.TokenRefused(463, "Session has expired."),
        AccessTokenState.Revoked => FakeGraphErrors.TokenRefused(460,
            "The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons."),
        _ => FakeGraphErrors.InvalidToken(),
    };

    public override IResult Fault(int status) => status == 429
        ? FakeGraphErrors.RateLimited(4)
        : FakeGraphErrors.Error(status, "An unexpected error has occurred. Please retry your request later.", "OAuthException", 2);

    /// <summary><c>fb_exchange_token</c>: the client's id and secret in the query with a valid user token of its own.</summary>
    private static IResult Exchange(HttpContext context)
    {
        var provider = context.RequestServices.GetRequiredService<FakeOAuthProvider>();
        var query = context.Request.Query;
        if (query["grant_type"] != "fb_exchange_token")
        {
            return FakeGraphErrors.Error(400, "Missing or unsupported grant_type", "OAuthException", 100);
        }

        var (client, refusal) = provider.Grants.Authenticate(new ClientCredentials(query["client_id"], query["client_secret"]));
        if (client is null)
        {
            return provider.Style.ClientRefused(refusal, query["client_id"]);
        }

        return provider.Grants.Extend(client, query["fb_exchange_token"], LongLived) is { } tokens
            ? provider.Style.Issued(tokens)
            : FakeGraphErrors.TokenRefused(463, "Session has expired or the token is invalid.");
    }
}
