namespace Integrations.Testing.Fakes.Meta;

/// <summary>An image published on an Instagram account from a container, with its caption and permalink.</summary>
public sealed record FakeInstagramMedia(string Id, string AccountId, string ContainerId, string ImageUrl, string? Caption, string Permalink);
