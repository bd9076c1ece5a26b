using Duende.IdentityModel.Client;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.IntegrationTests.Apps.Fakes;

/// <summary>Token requests made by a real OAuth client library (Duende.IdentityModel), as the app will make them.</summary>
public static class IdentityModelClient
{
    private static readonly HttpClient Http = new();

    public static Task<TokenResponse> RedeemAsync(
        FakeOAuthProvider fake,
        FakeOAuthClient client,
        string code,
        string verifier,
        string? secret = null,
        ClientCredentialStyle credentials = ClientCredentialStyle.PostBody) =>
        Http.RequestAuthorizationCodeTokenAsync(
            new AuthorizationCodeTokenRequest
            {
                Address = fake.TokenUrl,
                ClientId = client.Id,
                ClientSecret = secret ?? client.Secret,
                ClientCredentialStyle = credentials,
                Code = code,
                RedirectUri = client.RedirectUris[0],
                CodeVerifier = verifier,
            },
            TestContext.Current.CancellationToken);

    public static Task<TokenResponse> RefreshAsync(FakeOAuthProvider fake, FakeOAuthClient client, string refreshToken, string? scope = null) =>
        Http.RequestRefreshTokenAsync(
            new RefreshTokenRequest
            {
                Address = fake.TokenUrl,
                ClientId = client.Id,
                ClientSecret = client.Secret,
                ClientCredentialStyle = ClientCredentialStyle.PostBody,
                RefreshToken = refreshToken,
                Scope = scope,
            },
            TestContext.Current.CancellationToken);
}
