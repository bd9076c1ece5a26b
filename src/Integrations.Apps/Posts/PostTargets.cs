namespace Integrations.Apps.Posts;

/// <summary>
/// The apps a post can be scheduled for. Adding one is one line here (its action must be in the catalogue), plus an
/// <see cref="IPostLookup"/> when its API can find a post again after a crash. Facebook Pages and Instagram, as their
/// actions answer <c>post_id</c> and <c>url</c>:
/// <code>
/// new("facebook-pages", "create_post", new Dictionary&lt;string, string&gt; { ["text"] = "message", ["link"] = "link", ["image_url"] = "photo_url" }, "post_id", "url"),
/// new("instagram", "create_media_post", new Dictionary&lt;string, string&gt; { ["text"] = "caption", ["image_url"] = "image_url" }, "post_id", "url"),
/// </code>
/// </summary>
internal static class PostTargets
{
    public static readonly IReadOnlyList<PostTarget> All =
    [
        new("linkedin", "create_post", new Dictionary<string, string> { [PostFields.Text] = "text", [PostFields.Link] = "link" }, "post_urn", "url"),
    ];

    public static PostTarget? Find(string appId) => All.FirstOrDefault(t => t.AppId == appId);
}
