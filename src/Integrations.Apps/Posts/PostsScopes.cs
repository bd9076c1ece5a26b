using Integrations.Platform.Api;

namespace Integrations.Apps.Posts;

/// <summary>The scopes of scheduled posts: reading them, and scheduling or canceling them (which posts as the account).</summary>
public static class PostsScopes
{
    public const string Read = "posts:read";
    public const string Write = "posts:write";

    internal static readonly ApiScope[] All =
    [
        new(Read, "List the workspace's scheduled, published and failed posts."),
        new(Write, "Schedule posts to connected LinkedIn, Facebook Page and Instagram accounts, and cancel them."),
    ];
}
