namespace Integrations.Testing.Fakes.Meta;

/// <summary>A post published on a Page: <see cref="Id"/> is <c>{page-id}_{post}</c>; a photo post has its photo's id and URL.</summary>
public sealed record FakeMetaPost(string Id, string PageId, string? Message, string? Link, string? PhotoUrl, string? PhotoId, string Token);
