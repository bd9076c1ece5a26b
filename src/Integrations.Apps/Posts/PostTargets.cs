namespace Integrations.Apps.Posts;

/// <summary>
/// The apps a post can be scheduled for: each is one line (its action must be in the catalogue), plus an
/// <see cref="IPostLookup"/> when its API can find a post again after a crash.
/// </summary>
internal static class PostTargets
{
    public static readonly IReadOnlyList<PostTarget> All =
    [
        new("linkedin", "create_post", new Dictionary<string, string> { [PostFields.Text] = "text", [PostFields.Link] = "link" }, "post_urn", "url"),
        new("facebook-pages", "create_post", new Dictionary<string, string> { [PostFields.Text] = "message", [PostFields.Link] = "link", [PostFields.ImageUrl] = "photo_url" }, "post_id", "url"),
        new("instagram", "create_media_post", new Dictionary<string, string> { [PostFields.Text] = "caption", [PostFields.ImageUrl] = "image_url" }, "post_id", "url"),
    ];

    public static PostTarget? Find(string appId) => All.FirstOrDefault(t => t.AppId == appId);
}
