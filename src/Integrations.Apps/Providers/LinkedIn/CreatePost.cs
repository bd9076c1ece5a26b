using System.Text;
using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Calls;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Providers.LinkedIn;

/// <summary>
/// LinkedIn's <c>create_post</c>: the Posts API (<c>POST {api}/rest/posts</c>, <c>LinkedIn-Version</c> and Rest.li 2.0)
/// as the connected member (<c>urn:li:person:{sub}</c>), public, on the main feed, published at once; a link becomes the
/// post's article (source and title). LinkedIn answers 201 with an empty body and the post's URN in <c>x-restli-id</c>.
/// A member token cannot be refreshed: a 401 leaves the connection <c>needs_reauth</c> (AppApi's one renewal finds no
/// refresh token).
/// </summary>
internal sealed class CreatePost(AppApi api, IOptions<LinkedInOptions> options) : IAppAction
{
    /// <summary>LinkedIn's limit on a post's commentary, in characters.</summary>
    public const int MaxText = 3_000;

    public string AppId => "linkedin";

    public string ActionId => "create_post";

    public Dictionary<string, string[]> Check(JsonObject input)
    {
        var errors = new Dictionary<string, string[]>();
        if (((string)input["text"]!).Length > MaxText)
        {
            errors["input.text"] = [$"LinkedIn takes posts of at most {MaxText:N0} characters."];
        }

        var link = (string?)input["link"];
        if (link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
        {
            errors["input.link"] = ["Expected an absolute http or https URL."];
        }

        if (link is null && input["link_title"] is not null)
        {
            errors["input.link_title"] = ["A link title needs a link."];
        }

        return errors;
    }

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["author"] = $"urn:li:person:{context.Connection.Account}",
            ["commentary"] = LittleText.Escape((string)input["text"]!),
            ["visibility"] = "PUBLIC",
            ["distribution"] = new JsonObject
            {
                ["feedDistribution"] = "MAIN_FEED", ["targetEntities"] = new JsonArray(), ["thirdPartyDistributionChannels"] = new JsonArray(),
            },
            ["lifecycleState"] = "PUBLISHED",
            ["isReshareDisabledByAuthor"] = false,
        };
        if ((string?)input["link"] is { } link)
        {
            body["content"] = new JsonObject { ["article"] = new JsonObject { ["source"] = link, ["title"] = (string?)input["link_title"] ?? Title(link) } };
        }

        var json = body.ToJsonString();
        var url = $"{context.App.Urls["api"].TrimEnd('/')}/rest/posts";
        var version = options.Value.ApiVersion;
        var headers = await api.SendForHeadersAsync(context.Connection, () => new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
            Headers = { { "LinkedIn-Version", version }, { "X-Restli-Protocol-Version", "2.0.0" } },
        }, ct);
        var urn = headers.TryGetValues("x-restli-id", out var ids) ? ids.FirstOrDefault() : null;
        if (string.IsNullOrEmpty(urn))
        {
            throw new ProviderException("LinkedIn answered without the post's id (x-restli-id)", 201);
        }

        return new JsonObject { ["post_urn"] = urn, ["url"] = $"https://www.linkedin.com/feed/update/{urn}" };
    }

    /// <summary>The article's title when none is given: the link's host and path, as a reader would recognise it.</summary>
    private static string Title(string link)
    {
        var url = new Uri(link);
        var title = url.Host + url.AbsolutePath.TrimEnd('/');
        return title.Length <= 200 ? title : title[..200];
    }
}
