namespace Integrations.Testing.Fakes.LinkedIn;

/// <summary>A post the fake Posts API published: its URN, the headers it came with and its body's fields.</summary>
public sealed record FakeLinkedInPost(
    string Urn, string Author, string Commentary, string Visibility, string? ArticleSource, string? ArticleTitle, string Version, string RestliProtocol);
