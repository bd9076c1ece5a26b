namespace Integrations.Testing.Fakes.OAuth;

/// <summary>One request a fake provider answered: the grant type of a token request, the token it carried (Bearer, or
/// Slack's and Google's revoke <c>token</c> field), and the status it got.</summary>
public sealed record FakeProviderRequest(string Method, string Path, string? GrantType, string? Token, int Status);
