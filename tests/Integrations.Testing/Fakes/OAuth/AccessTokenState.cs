namespace Integrations.Testing.Fakes.OAuth;

/// <summary>What an API endpoint makes of the access token a request presented.</summary>
public enum AccessTokenState
{
    Valid,
    Missing,
    Unknown,
    Expired,
    Revoked,
}
