using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>How one <see cref="FakeOAuthProvider"/> behaves; fixed when it starts.</summary>
public sealed record FakeOAuthOptions(OAuthStyle Style)
{
    /// <summary>The clock codes and access tokens expire by, so a test moves a <see cref="ManualClock"/> instead of sleeping.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan CodeLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Google: a new refresh token on every refresh (Google itself keeps one, so off by default). Slack: the app's
    /// "token rotation" setting (off in a new Slack app; on, access tokens expire and refresh tokens rotate).
    /// Microsoft ignores it: its refresh tokens always rotate.</summary>
    public bool RotateRefreshTokens { get; init; }

    /// <summary>LinkedIn: the app is one of the approved partners that get programmatic refresh tokens (most apps do not).
    /// Notion: the newer flow, where access tokens expire and come with a refresh token that rotates (else they never expire).</summary>
    public bool RefreshTokens { get; init; }

    /// <summary>Whether <see cref="FakeOAuthProvider.Requests"/> keeps every request; a benchmark of many thousands of
    /// calls turns it off so the log does not weigh on the memory it measures. Counters are kept either way.</summary>
    public bool LogRequests { get; init; } = true;

    /// <summary>A wait before every answer, like a real provider's response time over the internet: a benchmark sets it
    /// to see whether the app keeps enough requests in flight, which a fake answering at once does not show.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>The provider's app APIs (a Gmail or Graph fake), mapped onto the same host before it starts; guard them
    /// with <see cref="FakeAccessTokens.RequireFakeAccessToken{TBuilder}"/>.</summary>
    public Action<IEndpointRouteBuilder>? Apis { get; init; }
}
