namespace Integrations.Testing.Fakes.OAuth;

/// <summary>Why the token endpoint refused a code or a refresh token; each style words it its provider's way.</summary>
internal enum GrantRefusal
{
    UnknownCode,
    CodeAlreadyUsed,
    CodeExpired,
    CodeOfAnotherClient,
    RedirectUriMismatch,
    MissingVerifier,
    VerifierMismatch,
    UnknownRefreshToken,
    RefreshTokenReused,
    GrantRevoked,
}
