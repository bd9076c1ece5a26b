using Microsoft.AspNetCore.Http;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>An authorize request whose client and redirect URI checked out. <see cref="RedirectUriSent"/> is false when
/// Slack fell back to the app's registered URI, so the token request need not repeat one.</summary>
internal sealed record AuthorizationRequest(
    FakeOAuthClient Client,
    string RedirectUri,
    bool RedirectUriSent,
    IReadOnlyList<string> Scopes,
    string? State,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    IQueryCollection Query);
