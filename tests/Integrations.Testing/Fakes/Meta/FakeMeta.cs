using System.Collections.Concurrent;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Testing.Fakes.Meta;

/// <summary>
/// Meta's Graph API for Facebook Pages and Instagram, on a Meta-style <see cref="FakeOAuthProvider"/> (Facebook Login,
/// <see cref="Options"/>), under <c>/{Version}</c>: <c>/me/accounts</c> lists the Pages the token's user manages
/// (with <c>pages_show_list</c>), each with a Page token (that never expires when the user token is long-lived, else
/// expires with it) and, when asked, its <c>instagram_business_account</c>; <c>/{page-id}/feed</c> and
/// <c>/{page-id}/photos</c> take that Page's token and <c>pages_manage_posts</c>; <c>/{ig-user-id}/media</c> and
/// <c>/media_publish</c> take the user token with <c>instagram_content_publish</c>; a container's <c>status_code</c>
/// goes through <see cref="ContainerStatuses"/>, one per read. <c>GET /{id}</c> answers a post's <c>permalink_url</c>, a
/// container's status, a media's <c>permalink</c>. Errors are Graph's; <see cref="Throttle"/> answers the next calls
/// with a rate-limit code (HTTP 400, as Meta does).
/// </summary>
public sealed class FakeMeta
{
    /// <summary>Not the catalogue's default, so a test shows the configured version is the one called.</summary>
    public const string Version = "v24.0";

    private readonly ConcurrentDictionary<string, FakeMetaPage> pages = new();
    private readonly ConcurrentDictionary<string, (FakeMetaPage Page, FakeGrant Grant, DateTimeOffset? ExpiresAt)> pageTokens = new();
    private readonly ConcurrentDictionary<string, FakeMetaContainer> containers = new();
    private readonly ConcurrentQueue<int> throttles = new();
    private TimeProvider clock = TimeProvider.System;

    public ConcurrentQueue<FakeMetaPost> Posts { get; } = [];

    public ConcurrentQueue<FakeInstagramMedia> Media { get; } = [];

    /// <summary>What a new container's <c>status_code</c> reads, one per read (the last one stays): set it before a post.</summary>
    public IReadOnlyList<string> ContainerStatuses { get; set; } = ["IN_PROGRESS", "FINISHED"];

    /// <summary>The FakeOAuthOptions of a Meta fake with these APIs: short-lived (one hour) user tokens from the code.</summary>
    public FakeOAuthOptions Options(TimeProvider clock)
    {
        this.clock = clock;
        return new FakeOAuthOptions(OAuthStyle.Meta) { Clock = clock, Apis = Map };
    }

    /// <summary>A Page <paramref name="owner"/> manages, with a linked Instagram professional account when asked.</summary>
    public FakeMetaPage AddPage(FakeAccount owner, string name, bool instagram = false)
    {
        var id = "1" + TokenShapes.Digits(14);
        var page = new FakeMetaPage(id, name, owner, instagram ? "178414" + TokenShapes.Digits(11) : null, instagram ? name.ToLowerInvariant().Replace(' ', '.') : null);
        pages[id] = page;
        return page;
    }

    /// <summary>The next <paramref name="times"/> Graph API calls answer Meta's rate-limit error <paramref name="code"/>.</summary>
    public void Throttle(int code, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            throttles.Enqueue(code);
        }
    }

    private void Map(IEndpointRouteBuilder endpoints)
    {
        var graph = endpoints.MapGroup($"/{Version}").AddEndpointFilter(async (invocation, next) =>
            throttles.TryDequeue(out var code) ? Throttled(invocation.HttpContext, code) : await next(invocation));
        graph.MapGet("/me/accounts", (Func<HttpContext, IResult>)Accounts).RequireFakeAccessToken();
        graph.MapPost("/{pageId}/feed", (Func<HttpContext, string, Task<IResult>>)FeedAsync);
        graph.MapPost("/{pageId}/photos", (Func<HttpContext, string, Task<IResult>>)PhotosAsync);
        graph.MapPost("/{accountId}/media", (Func<HttpContext, string, Task<IResult>>)CreateContainerAsync).RequireFakeAccessToken();
        graph.MapPost("/{accountId}/media_publish", (Func<HttpContext, string, Task<IResult>>)PublishContainerAsync).RequireFakeAccessToken();
        graph.MapGet("/{id}", (Func<HttpContext, string, IResult>)Read);
    }

    private IResult Accounts(HttpContext context)
    {
        var grant = context.FakeGrant();
        var provider = context.RequestServices.GetRequiredService<FakeOAuthProvider>();
        var userToken = FakeAccessTokens.PresentedToken(context.Request)!;
        var expires = provider.Grants.ExpiresAt(userToken);
        // A Page token got with a long-lived user token does not expire; with a short-lived one it expires with it.
        var pageExpiry = expires is { } at && at - clock.GetUtcNow() > TimeSpan.FromDays(1) ? null : expires;
        var fields = context.Request.Query["fields"].ToString();
        var data = !grant.Allows("pages_show_list") ? [] : pages.Values.Where(p => p.Owner == grant.Account).OrderBy(p => p.Name).Select(page =>
        {
            var token = "EAAP" + TokenShapes.Random();
            pageTokens[token] = (page, grant, pageExpiry);
            var entry = new Dictionary<string, object?> { ["id"] = page.Id, ["name"] = page.Name, ["access_token"] = token, ["category"] = "Software", ["tasks"] = new[] { "MANAGE", "CREATE_CONTENT", "MODERATE", "ADVERTISE", "ANALYZE" } };
            if (page.InstagramId is not null && fields.Contains("instagram_business_account", StringComparison.Ordinal))
            {
                entry["instagram_business_account"] = new { id = page.InstagramId, username = page.InstagramUsername };
            }

            return entry;
        }).ToList();
        return Results.Json(new { data, paging = new { cursors = new { before = "QVFI", after = "QVFJ" } } });
    }

    private Task<IResult> FeedAsync(HttpContext context, string pageId) => PublishAsync(context, pageId, photo: false);

    private Task<IResult> PhotosAsync(HttpContext context, string pageId) => PublishAsync(context, pageId, photo: true);

    private async Task<IResult> PublishAsync(HttpContext context, string pageId, bool photo)
    {
        if (PageToken(context, out var refused) is not { } token || refused is not null)
        {
            return refused!;
        }

        var (page, grant, _) = pageTokens[token];
        if (page.Id != pageId)
        {
            return FakeGraphErrors.Error(403, "(#200) The page access token is not for this page", "OAuthException", 200);
        }

        if (!grant.Allows("pages_manage_posts"))
        {
            return FakeGraphErrors.PermissionMissing("pages_read_engagement and pages_manage_posts");
        }

        var form = await context.Request.ReadFormAsync();
        var (message, link, url) = (Field(form, "message"), Field(form, "link"), Field(form, "url"));
        if (photo ? url is null : message is null && link is null)
        {
            return FakeGraphErrors.Error(400, photo ? "(#324) Requires upload file" : "(#100) Missing message or attachment", "OAuthException", photo ? 324 : 100);
        }

        var postId = $"{page.Id}_{TokenShapes.Digits(16)}";
        var photoId = photo ? TokenShapes.Digits(16) : null;
        Posts.Enqueue(new FakeMetaPost(postId, page.Id, message, link, url, photoId, token));
        return photo ? Results.Json(new { id = photoId, post_id = postId }) : Results.Json(new { id = postId });
    }

    private async Task<IResult> CreateContainerAsync(HttpContext context, string accountId)
    {
        if (InstagramRefusal(context, accountId) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync();
        if (Field(form, "image_url") is not { } image)
        {
            return FakeGraphErrors.Error(400, "(#100) The parameter image_url is required.", "OAuthException", 100);
        }

        var id = "179" + TokenShapes.Digits(14);
        containers[id] = new FakeMetaContainer(accountId, image, Field(form, "caption"), ContainerStatuses);
        return Results.Json(new { id });
    }

    private async Task<IResult> PublishContainerAsync(HttpContext context, string accountId)
    {
        if (InstagramRefusal(context, accountId) is { } refused)
        {
            return refused;
        }

        var form = await context.Request.ReadFormAsync();
        if (Field(form, "creation_id") is not { } id || !containers.TryGetValue(id, out var container) || container.AccountId != accountId
            || container.Current != "FINISHED")
        {
            return FakeGraphErrors.Error(400, "Media ID is not available", "OAuthException", 9007, "The media is not ready for publishing, please wait for a moment", 2207027);
        }

        container.Published();
        var media = new FakeInstagramMedia("180" + TokenShapes.Digits(14), accountId, id, container.ImageUrl, container.Caption,
            $"https://www.instagram.com/p/{TokenShapes.Random(8)}/");
        Media.Enqueue(media);
        return Results.Json(new { id = media.Id });
    }

    /// <summary><c>GET /{id}?fields=…</c>: a post (Page token or user token), a container or a media (user token).</summary>
    private IResult Read(HttpContext context, string id)
    {
        var provider = context.RequestServices.GetRequiredService<FakeOAuthProvider>();
        var presented = FakeAccessTokens.PresentedToken(context.Request);
        if (presented is not null && pageTokens.ContainsKey(presented))
        {
            if (PageToken(context, out var refused) is null || refused is not null)
            {
                return refused!;
            }
        }
        else if (provider.Grants.Check(presented).State is var state && state != AccessTokenState.Valid)
        {
            return provider.Style.Unauthorized(context, state);
        }

        if (Posts.FirstOrDefault(p => p.Id == id) is { } post)
        {
            return Results.Json(new { id, permalink_url = $"https://www.facebook.com/{post.PageId}/posts/{id.Split('_')[1]}" });
        }

        if (containers.TryGetValue(id, out var container))
        {
            var status = container.Read();
            return Results.Json(new { id, status_code = status, status = status == "ERROR" ? "Error: Media download has failed.: The media could not be fetched from the URI provided." : status });
        }

        return Media.FirstOrDefault(m => m.Id == id) is { } media ? Results.Json(new { id, permalink = media.Permalink }) : FakeGraphErrors.UnknownObject(id);
    }

    /// <summary>The request's Page token when it is one the fake issued and still good; else why not.</summary>
    private string? PageToken(HttpContext context, out IResult? refused)
    {
        var token = FakeAccessTokens.PresentedToken(context.Request);
        refused = null;
        if (token is null || !pageTokens.TryGetValue(token, out var issued))
        {
            var provider = context.RequestServices.GetRequiredService<FakeOAuthProvider>();
            refused = provider.Grants.Check(token).State == AccessTokenState.Valid
                ? FakeGraphErrors.Error(403, "(#200) Publishing as the Page requires a Page access token", "OAuthException", 200)
                : FakeGraphErrors.InvalidToken();
            return null;
        }

        refused = issued.Grant.Revoked
            ? FakeGraphErrors.TokenRefused(460, "The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.")
            : issued.ExpiresAt <= clock.GetUtcNow() ? FakeGraphErrors.TokenRefused(463, "Session has expired.")
            : null;
        return token;
    }

    private IResult? InstagramRefusal(HttpContext context, string accountId)
    {
        var grant = context.FakeGrant();
        if (!grant.Allows("instagram_content_publish") || !grant.Allows("instagram_basic"))
        {
            return FakeGraphErrors.PermissionMissing("instagram_basic and instagram_content_publish");
        }

        return pages.Values.Any(p => p.Owner == grant.Account && p.InstagramId == accountId) ? null : FakeGraphErrors.UnknownObject(accountId);
    }

    private static IResult Throttled(HttpContext context, int code)
    {
        if (code == 32)
        {
            context.Response.Headers["X-Business-Use-Case-Usage"] =
                """{"100000000000001":[{"type":"pages","call_count":100,"total_cputime":12,"total_time":15,"estimated_time_to_regain_access":7}]}""";
        }

        return FakeGraphErrors.RateLimited(code);
    }

    private static string? Field(IFormCollection form, string name) => form[name].ToString() is { Length: > 0 } value ? value : null;
}
