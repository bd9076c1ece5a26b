namespace Integrations.Testing.Fakes.OAuth;

/// <summary>An OAuth client registered with a fake provider, as an admin registers Sentinel with the real one.</summary>
public sealed record FakeOAuthClient(string Id, string Secret, IReadOnlyList<string> RedirectUris);
