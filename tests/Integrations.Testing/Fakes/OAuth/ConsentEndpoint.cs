using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>The authorize endpoint: GET shows the consent page, its form POSTs back to the same URL (query and all)
/// with <c>decision=allow|deny</c>. An unknown client or an unregistered redirect URI gets a page, never a redirect
/// (RFC 6749 §4.1.2.1); every later error goes back to the redirect URI.</summary>
internal static class ConsentEndpoint
{
    public static void MapConsent(this IEndpointRouteBuilder endpoints, ProviderStyle style)
    {
        endpoints.MapGet(style.AuthorizePattern, Ask);
        endpoints.MapPost(style.AuthorizePattern, DecideAsync);
    }

    private static IResult Ask(HttpRequest request, FakeOAuthProvider provider) => Read(request.Query, provider) switch
    {
        (null, var answer) => answer!,
        (var authorization, _) => ConsentPage.Ask(provider.Style, authorization, provider.Account),
    };

    private static async Task<IResult> DecideAsync(HttpRequest request, FakeOAuthProvider provider)
    {
        var (authorization, answer) = Read(request.Query, provider);
        if (authorization is null)
        {
            return answer!;
        }

        var form = await request.ReadFormAsync();
        if (form["decision"] != "allow")
        {
            return Redirect(authorization, provider.Style.Denied());
        }

        var account = provider.Account;
        var firstConsent = provider.Grants.RecordConsent(authorization.Client, account);
        var withRefreshToken = provider.Style.IssuesRefreshToken(authorization, firstConsent, provider.Grants.Rotates);
        var code = provider.Grants.IssueCode(authorization, account, withRefreshToken);
        return Redirect(authorization, [new("code", code), .. provider.Style.Allowed(authorization)]);
    }

    private static (AuthorizationRequest? Authorization, IResult? Answer) Read(IQueryCollection query, FakeOAuthProvider provider)
    {
        var style = provider.Style;
        var client = provider.Grants.Find(query["client_id"]);
        if (client is null)
        {
            return (null, ConsentPage.Refuse(style, style.UnknownClient(query["client_id"])));
        }

        string? sent = query["redirect_uri"];
        var redirectUri = sent ?? (style.StandardAuthorizeRequest ? null : client.RedirectUris.ElementAtOrDefault(0));
        if (redirectUri is null || !client.RedirectUris.Contains(redirectUri))
        {
            return (null, ConsentPage.Refuse(style, style.RedirectUriMismatch(sent)));
        }

        var authorization = new AuthorizationRequest(
            client, redirectUri, sent is not null, style.Scopes(query), query["state"], query["code_challenge"], query["code_challenge_method"], query);
        if (!style.StandardAuthorizeRequest)
        {
            return (authorization, null);
        }

        if (query["response_type"] != "code")
        {
            return (null, Redirect(authorization, [new("error", "unsupported_response_type")]));
        }

        return authorization.CodeChallengeMethod is null or "S256" or "plain"
            ? (authorization, null)
            : (null, Redirect(authorization, [new("error", "invalid_request"), new("error_description", "Invalid code_challenge_method.")]));
    }

    private static IResult Redirect(AuthorizationRequest authorization, IEnumerable<KeyValuePair<string, string?>> parameters) =>
        Results.Redirect(QueryHelpers.AddQueryString(
            authorization.RedirectUri,
            parameters.Append(new("state", authorization.State)).Where(p => p.Value is not null)));
}
