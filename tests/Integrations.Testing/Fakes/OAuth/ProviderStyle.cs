using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>What differs between providers: where their endpoints are, what they issue, and how every answer and error
/// is worded. The flow itself (consent, codes, PKCE, rotation, revocation) is shared.</summary>
internal abstract class ProviderStyle
{
    public abstract string Name { get; }

    /// <summary>Route patterns; Microsoft's carry <c>{tenant}</c>, which its paths below fill with <c>common</c>.</summary>
    public virtual string AuthorizePattern => AuthorizePath;

    public virtual string TokenPattern => TokenPath;

    public abstract string AuthorizePath { get; }

    public abstract string TokenPath { get; }

    public abstract string? RevokePath { get; }

    public abstract string IdentityPath { get; }

    /// <summary>Slack's authorize request has no <c>response_type</c>, may leave out <c>redirect_uri</c> (the app's
    /// registered one is used) and, as far as its documentation for bot installs goes, no PKCE.</summary>
    public virtual bool StandardAuthorizeRequest => true;

    /// <summary>Zoom takes the client's credentials only as HTTP Basic at its token URL, never in the form.</summary>
    public virtual bool RequiresBasicClientAuth => false;

    /// <summary>Notion takes the token request's parameters only as a JSON body; a form is refused as an invalid request.</summary>
    public virtual bool TakesJsonTokenBody => false;

    /// <summary>The grant type a token request without <c>grant_type</c> means (Slack's is optional).</summary>
    public virtual string DefaultGrantType => "";

    public abstract bool RotatesRefreshTokens(FakeOAuthOptions options);

    public virtual bool AccessTokensExpire(bool rotates) => true;

    public abstract TokenShapes Shapes(bool rotates);

    public abstract FakeOAuthClient NewClient(IReadOnlyList<string> redirectUris);

    public virtual IReadOnlyList<string> Scopes(IQueryCollection query) =>
        query["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public abstract bool IssuesRefreshToken(AuthorizationRequest request, bool firstConsent, bool rotates);

    /// <summary>Whether a grant made without the consent page (<see cref="FakeOAuthProvider.IssueTokens"/>) comes with a
    /// refresh token: wherever the provider could issue one.</summary>
    public virtual bool GrantsRefreshTokens(FakeOAuthOptions options, bool rotates) => true;

    /// <summary>Whom the consent page says is granting: an email, or a Slack workspace.</summary>
    public virtual string AccountLabel(FakeAccount account) => account.Email;

    /// <summary>Parameters the redirect after "Allow" carries beside <c>code</c> and <c>state</c>.</summary>
    public virtual IEnumerable<KeyValuePair<string, string?>> Allowed(AuthorizationRequest request) => [];

    /// <summary>Parameters the redirect after "Deny" carries beside <c>state</c>.</summary>
    public virtual IEnumerable<KeyValuePair<string, string?>> Denied() => [new("error", "access_denied")];

    public abstract string UnknownClient(string? clientId);

    public abstract string RedirectUriMismatch(string? redirectUri);

    public abstract IResult Issued(FakeTokens tokens);

    public abstract IResult Refused(GrantRefusal refusal);

    public abstract IResult ClientRefused(ClientRefusal refusal, string? clientId);

    public abstract IResult UnsupportedGrantType(string grantType);

    /// <summary>The identity endpoint and, where the provider has one, the revoke endpoint.</summary>
    public abstract void MapAccountEndpoints(IEndpointRouteBuilder endpoints);

    /// <summary>An API's answer to a missing, unknown, expired or revoked access token.</summary>
    public abstract IResult Unauthorized(HttpContext context, AccessTokenState state);

    /// <summary>An injected 429 or 500 in the provider's error shape (<c>Retry-After</c> is set by the caller).</summary>
    public abstract IResult Fault(int status);

    public static ProviderStyle For(FakeOAuthOptions options) => options.Style switch
    {
        OAuthStyle.Google => new GoogleStyle(),
        OAuthStyle.Microsoft => new MicrosoftStyle(options.Clock),
        OAuthStyle.Slack => new SlackStyle(),
        OAuthStyle.Zoom => new ZoomStyle(),
        OAuthStyle.Calendly => new CalendlyStyle(),
        OAuthStyle.LinkedIn => new LinkedInStyle(options.RefreshTokens),
        OAuthStyle.Meta => new MetaStyle(),
        OAuthStyle.Notion => new NotionStyle(),
        _ => throw new ArgumentOutOfRangeException(nameof(options)),
    };
}
