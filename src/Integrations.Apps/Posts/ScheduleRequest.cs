namespace Integrations.Apps.Posts;

/// <summary><c>POST /api/v1/posts</c>'s body (and the page's form): the connection to post as, the content its app
/// takes, and when (ISO 8601 with an offset).</summary>
public sealed record ScheduleRequest(string? ConnectionId, string? Text, string? Link, string? ImageUrl, string? PublishAt);
