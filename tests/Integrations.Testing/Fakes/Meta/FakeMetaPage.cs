using Integrations.Testing.Fakes.OAuth;

namespace Integrations.Testing.Fakes.Meta;

/// <summary>A Facebook Page <see cref="Owner"/> manages, with the Instagram professional account linked to it, if any.</summary>
public sealed record FakeMetaPage(string Id, string Name, FakeAccount Owner, string? InstagramId, string? InstagramUsername);
