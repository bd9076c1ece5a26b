using System.Text.Json;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;

namespace Integrations.Apps.Connect;

/// <summary>The authorization code for tokens at the app's token URL (Duende.IdentityModel), the client authenticating
/// the app's way (<c>body</c> or <c>basic</c>), with the PKCE verifier where the app takes one.</summary>
internal sealed class TokenExchange(IHttpClientFactory http)
{
    public async Task<(GrantedTokens? Tokens, string? Error)> ExchangeAsync(
        AppDefinition app, OAuthClient oauthClient, string code, string redirectUri, string? verifier, CancellationToken ct)
    {
        var request = new AuthorizationCodeTokenRequest
        {
            Address = app.Urls["token"],
            ClientId = oauthClient.ClientId,
            ClientSecret = oauthClient.ClientSecret,
            ClientCredentialStyle = app.Auth.ClientAuth == "basic" ? ClientCredentialStyle.AuthorizationHeader : ClientCredentialStyle.PostBody,
            Code = code,
            RedirectUri = redirectUri,
            CodeVerifier = verifier,
        };
        TokenResponse answer;
        try
        {
            var client = http.CreateClient(AppsHttp.ClientName);
            answer = JsonTokenRequests.Apply(app)
                ? await JsonTokenRequests.SendAsync(client, app, oauthClient,
                    new JsonObject { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri }, ct)
                : await client.RequestAuthorizationCodeTokenAsync(request, ct);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The client's timeout: the library passes cancellations on.
            return (null, "the token URL did not answer in time");
        }

        if (answer.ErrorType == ResponseErrorType.Exception)
        {
            return (null, $"the token URL could not be reached ({answer.Error})");
        }

        var json = answer.Json ?? default;
        if (answer.IsError || ProviderErrors.Of(json) is not null || string.IsNullOrEmpty(answer.AccessToken))
        {
            return (null, ProviderErrors.Of(json) ?? (answer.IsError ? answer.Error : null) ?? $"HTTP {(int)answer.HttpStatusCode} without an access token");
        }

        var expiresAt = answer.ExpiresIn > 0 ? TimeSpan.FromSeconds(answer.ExpiresIn) : (TimeSpan?)null;
        return (new GrantedTokens(answer.AccessToken, answer.RefreshToken, expiresAt, answer.Scope, json.Clone()), null);
    }
}

/// <summary>What the token endpoint issued; <see cref="Json"/> is its whole answer (Slack's names the team).</summary>
internal sealed record GrantedTokens(string AccessToken, string? RefreshToken, TimeSpan? ExpiresIn, string? Scope, JsonElement Json);
