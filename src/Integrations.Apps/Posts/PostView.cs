namespace Integrations.Apps.Posts;

/// <summary>A scheduled post as the API and the page show it: once published, the provider's post id and its link; once
/// failed, the provider's message.</summary>
public sealed record PostView(
    string Id,
    string ConnectionId,
    string App,
    string? AccountName,
    string Text,
    string? Link,
    string? ImageUrl,
    DateTimeOffset PublishAt,
    string Status,
    int Attempts,
    string? ProviderPostId,
    string? Url,
    string? Error,
    DateTimeOffset? PublishedAt,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
