namespace Integrations.Testing.Fakes.OAuth;

/// <summary>An authorization code: single use, short-lived, bound to its request (client, redirect URI, PKCE challenge).</summary>
internal sealed record IssuedCode(AuthorizationRequest Request, FakeAccount Account, DateTimeOffset ExpiresAt, bool WithRefreshToken)
{
    public bool Redeemed { get; set; }
}
