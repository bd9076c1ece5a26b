using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Calls;
using Integrations.Apps.Connect;
using Integrations.Apps.Connections;
using Integrations.Apps.Tokens;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Providers.Meta;

/// <summary>
/// Instagram's <c>create_media_post</c> on the professional account linked to the connection's Page, with the user
/// token: <c>POST /{ig-user-id}/media</c> (image_url, caption) makes a container; its <c>status_code</c> is read until
/// <c>FINISHED</c> (a bounded number of times, <see cref="InstagramOptions"/>); <c>POST /{ig-user-id}/media_publish</c>
/// (creation_id) publishes it. <c>ERROR</c> or <c>EXPIRED</c> is the image's problem (400 naming <c>input.image_url</c>).
/// The media's <c>permalink</c> is its link; once published nothing fails the action, so a caller never posts twice.
/// </summary>
internal sealed class CreateMediaPost(GraphApi graph, IOptions<InstagramOptions> options, TimeProvider clock) : IAppAction
{
    public const int MaxCaption = 2_200;
    public const int MaxHashtags = 30;
    public const int MaxMentions = 20;

    public string AppId => MetaApps.Instagram;

    public string ActionId => "create_media_post";

    public Dictionary<string, string[]> Check(JsonObject input)
    {
        var errors = new Dictionary<string, string[]>();
        if (!MediaUrl.IsHttps((string)input["image_url"]!))
        {
            errors["input.image_url"] = ["Expected an https URL Meta can fetch the image (a JPEG) from."];
        }

        var caption = (string?)input["caption"] ?? "";
        var words = caption.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var problem = caption.Length > MaxCaption ? $"Instagram takes captions of at most {MaxCaption:N0} characters."
            : words.Count(w => w.StartsWith('#')) > MaxHashtags ? $"Instagram takes at most {MaxHashtags} hashtags in a caption."
            : words.Count(w => w.StartsWith('@')) > MaxMentions ? $"Instagram takes at most {MaxMentions} @mentions in a caption."
            : null;
        if (problem is not null)
        {
            errors["input.caption"] = [problem];
        }

        return errors;
    }

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var page = ConnectedPage.Chosen(context.Connection, context.Settings);
        var account = page.InstagramAccountId ?? throw new SettingMissingException(MetaApps.Page,
            $"The Page {page.Name} has no Instagram professional account linked: link one, connect again, or choose another Page.");
        var api = context.App.Urls["api"].TrimEnd('/');
        var form = new Dictionary<string, string> { ["image_url"] = (string)input["image_url"]! };
        if ((string?)input["caption"] is { } caption)
        {
            form["caption"] = caption;
        }

        string container;
        using (var made = await SendAsync(context, HttpMethod.Post, $"{api}/{account}/media", form, ct))
        {
            container = JsonPaths.Text(made.RootElement, "$.id") ?? throw new ProviderException("Meta answered /media without the container's id", 200);
        }

        await WaitUntilFinishedAsync(context, $"{api}/{container}?fields=status_code,status", container, ct);
        string media;
        using (var published = await SendAsync(context, HttpMethod.Post, $"{api}/{account}/media_publish", new() { ["creation_id"] = container }, ct))
        {
            media = JsonPaths.Text(published.RootElement, "$.id") ?? throw new ProviderException("Meta answered /media_publish without the media's id", 200);
        }

        return new JsonObject
        {
            ["post_id"] = media,
            ["url"] = await PermalinkAsync(context, $"{api}/{media}?fields=permalink", ct)
                ?? (page.InstagramUsername is { } user ? $"https://www.instagram.com/{user}/" : null),
            ["container_id"] = container,
            ["instagram_account_id"] = account,
        };
    }

    private async Task WaitUntilFinishedAsync(ActionContext context, string url, string container, CancellationToken ct)
    {
        var checks = Math.Max(1, options.Value.ContainerChecks);
        for (var check = 0; check < checks; check++)
        {
            await Task.Delay(options.Value.ContainerCheckInterval, clock, ct);
            using var state = await SendAsync(context, HttpMethod.Get, url, null, ct);
            switch (JsonPaths.Text(state.RootElement, "$.status_code"))
            {
                case "FINISHED":
                    return;
                case "ERROR" or "EXPIRED":
                    var why = JsonPaths.Text(state.RootElement, "$.status") ?? JsonPaths.Text(state.RootElement, "$.status_code");
                    throw new ActionInputException("input.image_url",
                        $"Instagram could not use the image ({why}). It takes a JPEG at a public https URL, at most 8 MB, 320 to 1440 pixels wide, with an aspect ratio between 4:5 and 1.91:1.");
            }
        }

        throw new ProviderException(
            $"Instagram was still processing the image after {checks} checks (container {container}); nothing was published, try again", 200);
    }

    private async Task<string?> PermalinkAsync(ActionContext context, string url, CancellationToken ct)
    {
        try
        {
            using var media = await SendAsync(context, HttpMethod.Get, url, null, ct);
            return JsonPaths.Text(media.RootElement, "$.permalink");
        }
        catch (Exception e) when (e is ProviderException or ConnectionUnusableException)
        {
            return null;
        }
    }

    private Task<System.Text.Json.JsonDocument> SendAsync(ActionContext context, HttpMethod method, string url, Dictionary<string, string>? form, CancellationToken ct) =>
        graph.SendAsync(context.Connection, null, () => new HttpRequestMessage(method, url) { Content = form is null ? null : new FormUrlEncodedContent(form) }, ct);
}
