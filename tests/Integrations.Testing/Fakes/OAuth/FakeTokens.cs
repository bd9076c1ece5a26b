namespace Integrations.Testing.Fakes.OAuth;

/// <summary>Tokens a fake provider issued: no <see cref="RefreshToken"/> when none was issued this time, no
/// <see cref="ExpiresIn"/> for a token that never expires (Slack without rotation).</summary>
public sealed record FakeTokens(FakeGrant Grant, string AccessToken, string? RefreshToken, TimeSpan? ExpiresIn);
