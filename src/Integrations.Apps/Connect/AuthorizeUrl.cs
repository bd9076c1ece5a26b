using Integrations.Apps.Catalogue;
using Microsoft.AspNetCore.WebUtilities;

namespace Integrations.Apps.Connect;

/// <summary>The provider's authorize URL for a connect: the catalogue's scopes, joined its way, and its own parameters.</summary>
internal static class AuthorizeUrl
{
    public static string For(AppDefinition app, string clientId, string redirectUri, string state, string? verifier)
    {
        var parameters = new List<KeyValuePair<string, string?>>
        {
            new("response_type", "code"),
            new("client_id", clientId),
            new("redirect_uri", redirectUri),
            new("scope", string.Join(app.Auth.ScopeSeparator, app.Auth.Scopes)),
            new("state", state),
        };
        parameters.AddRange(app.Auth.AuthorizeParameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        if (verifier is not null)
        {
            parameters.Add(new("code_challenge", ConnectSecrets.Challenge(verifier)));
            parameters.Add(new("code_challenge_method", "S256"));
        }

        return QueryHelpers.AddQueryString(app.Urls["authorize"], parameters);
    }
}
