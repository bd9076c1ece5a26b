using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Calls;
using Integrations.Apps.Connect;
using Integrations.Apps.Tokens;

namespace Integrations.Apps.Providers.Meta;

/// <summary>
/// Facebook Pages' <c>create_post</c>, as the connection's Page with its Page token: a message and an optional link
/// (<c>POST /{page-id}/feed</c>, answering <c>{id}</c>), or a photo Meta fetches from an https URL with the message as
/// its description (<c>POST /{page-id}/photos</c>, answering <c>{id, post_id}</c>). The post's link is its
/// <c>permalink_url</c>; once the post exists nothing fails the action, so a caller never posts twice.
/// </summary>
internal sealed class CreatePagePost(GraphApi graph) : IAppAction
{
    /// <summary>Facebook's limit on a post's text, in characters.</summary>
    public const int MaxMessage = 63_206;

    public string AppId => MetaApps.FacebookPages;

    public string ActionId => "create_post";

    public Dictionary<string, string[]> Check(JsonObject input)
    {
        var errors = new Dictionary<string, string[]>();
        var (message, link, photo) = ((string?)input["message"], (string?)input["link"], (string?)input["photo_url"]);
        if (message is null && link is null && photo is null)
        {
            errors["input.message"] = ["A post needs a message, a link or a photo URL."];
        }

        if (message?.Length > MaxMessage)
        {
            errors["input.message"] = [$"Facebook takes posts of at most {MaxMessage:N0} characters."];
        }

        if (link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
        {
            errors["input.link"] = ["Expected an absolute http or https URL."];
        }

        if (photo is not null && !MediaUrl.IsHttps(photo))
        {
            errors["input.photo_url"] = ["Expected an https URL Meta can fetch the photo from."];
        }
        else if (photo is not null && link is not null)
        {
            errors["input.photo_url"] = ["A post has a link or a photo, not both: put the link in the message."];
        }

        return errors;
    }

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var page = ConnectedPage.Chosen(context.Connection, context.Settings);
        var token = context.Settings.Secret(MetaApps.PageTokenKey(page.Id))
            ?? throw new ConnectionUnusableException($"The token of the Page {page.Name} can no longer be read: connect the account again.", transient: false);
        var api = context.App.Urls["api"].TrimEnd('/');
        var message = (string?)input["message"];
        var photo = (string?)input["photo_url"];
        var form = photo is not null
            ? new Dictionary<string, string?> { ["url"] = photo, ["message"] = message }
            : new Dictionary<string, string?> { ["message"] = message, ["link"] = (string?)input["link"] };
        var edge = photo is not null ? "photos" : "feed";
        using var answer = await graph.SendAsync(context.Connection, token, () => new HttpRequestMessage(HttpMethod.Post, $"{api}/{page.Id}/{edge}")
        {
            Content = new FormUrlEncodedContent(form.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!))),
        }, ct);
        var id = JsonPaths.Text(answer.RootElement, "$.id");
        var postId = (photo is not null ? JsonPaths.Text(answer.RootElement, "$.post_id") : id)
            ?? throw new ProviderException($"Meta answered /{edge} without the post's id", 200);
        var result = new JsonObject
        {
            ["post_id"] = postId,
            ["url"] = await PermalinkAsync(context, token, $"{api}/{postId}?fields=permalink_url", ct) ?? $"https://www.facebook.com/{postId}",
            ["page_id"] = page.Id,
        };
        if (photo is not null)
        {
            result["photo_id"] = id;
        }

        return result;
    }

    /// <summary>The post's <c>permalink_url</c>, or null when Meta does not give it (the post exists either way).</summary>
    private async Task<string?> PermalinkAsync(ActionContext context, string token, string url, CancellationToken ct)
    {
        try
        {
            using var post = await graph.SendAsync(context.Connection, token, () => new HttpRequestMessage(HttpMethod.Get, url), ct);
            return JsonPaths.Text(post.RootElement, "$.permalink_url");
        }
        catch (Exception e) when (e is ProviderException or ConnectionUnusableException)
        {
            return null;
        }
    }
}
