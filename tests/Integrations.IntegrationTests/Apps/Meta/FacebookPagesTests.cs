using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Testing;
using Integrations.Testing.Fakes.Meta;

namespace Integrations.IntegrationTests.Apps.Meta;

/// <summary>Facebook Pages: connecting (Facebook Login, the long-lived exchange, the granted Pages and their tokens) and
/// <c>create_post</c> against the Meta fake.</summary>
public sealed class FacebookPagesTests(MetaApp app) : IClassFixture<MetaApp>
{
    private const string App = "facebook-pages";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_AsksForThePageScopes_AtTheConfiguredGraphVersion()
    {
        var admin = await app.SignInAsync(Ct);

        var authorize = new Uri(await ConnectFlow.StartAsync(admin, App, Ct));

        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal($"/{FakeMeta.Version}/dialog/oauth", authorize.AbsolutePath);
        Assert.Equal(("code", app.OAuthClient.Id), (query["response_type"], query["client_id"]));
        Assert.Equal("pages_show_list,pages_manage_posts,pages_read_engagement", query["scope"]);
        Assert.Null(query["code_challenge"]);
    }

    [Fact]
    public async Task Connect_ExchangesForALongLivedToken_AndKeepsTheGrantedPages_WithoutShowingTheirTokens()
    {
        var requests = app.Meta.Requests.Count;

        var connected = await app.ConnectAsync(App, Ct, ("Sentinel Bakery", false), ("Acme Outdoors", true));

        var exchange = Assert.Single(app.Meta.Requests.Skip(requests), r => r is { Method: "GET", Path: $"/{FakeMeta.Version}/oauth/access_token" });
        Assert.Equal(200, exchange.Status);
        var view = await app.ConnectionAsync(connected.Id, Ct);
        Assert.Equal(("active", connected.Account.FacebookId, connected.Account.Name),
            (view.GetProperty("status").GetString(), view.GetProperty("account").GetString(), view.GetProperty("account_name").GetString()));
        // Page tokens got with a long-lived user token do not expire: nothing to reconnect for.
        Assert.Equal(JsonValueKind.Null, view.GetProperty("expires_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, view.GetProperty("expires_in_days").ValueKind);
        var settings = view.GetProperty("settings");
        var acme = connected.Pages.Single(p => p.Name == "Acme Outdoors");
        Assert.Equal(acme.Id, settings.GetProperty("page").GetString());
        Assert.Equal(["Acme Outdoors", "Sentinel Bakery"], settings.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(acme.InstagramId, settings.GetProperty("pages")[0].GetProperty("instagram_account_id").GetString());
        Assert.DoesNotContain("EAAP", view.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("_page_token", view.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("EAAP", await ConnectFlow.RowsAsync(app, connected.Account.FacebookId), StringComparison.Ordinal);
        var page = await (await app.SignInAsync(Ct)).GetStringAsync("/integrations/apps/facebook-pages", Ct);
        Assert.Contains($"data-page-id=\"{acme.Id}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("EAAP", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_SaysNoPageWasGranted_WhenTheUserManagesNone()
    {
        var connected = await app.ConnectAsync(App, Ct);

        Assert.Contains("No Facebook Page was granted", connected.CallbackPage, StringComparison.Ordinal);
        var view = await app.ConnectionAsync(connected.Id, Ct);
        Assert.Contains("No Facebook Page was granted", view.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        using var response = await app.RunAsync(connected.Id, "create_post", new { message = "Hello" }, Ct);
        Assert.Contains("no Pages", await response.AssertInvalidFieldAsync("settings.page"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePost_PublishesTheMessageAndLink_AsThePage_AndAnswersThePostIdAndPermalink()
    {
        var connected = await app.ConnectAsync(App, Ct, ("Sentinel Bakery", false));
        var page = connected.Pages[0];

        using var response = await app.RunAsync(connected.Id, "create_post", new { message = "Fresh bread at 7", link = "https://example.com/menu" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        var post = Assert.Single(app.Graph.Posts, p => p.PageId == page.Id);
        Assert.Equal(("Fresh bread at 7", "https://example.com/menu", null), (post.Message, post.Link, post.PhotoUrl));
        Assert.StartsWith("EAAP", post.Token, StringComparison.Ordinal);
        Assert.Equal(post.Id, result.GetProperty("post_id").GetString());
        Assert.Equal($"https://www.facebook.com/{page.Id}/posts/{post.Id.Split('_')[1]}", result.GetProperty("url").GetString());
        Assert.Equal(page.Id, result.GetProperty("page_id").GetString());
    }

    [Fact]
    public async Task CreatePost_PublishesAPhotoFromItsUrl_WithTheMessageAsItsDescription()
    {
        var connected = await app.ConnectAsync(App, Ct, ("Sentinel Bakery", false));

        using var response = await app.RunAsync(connected.Id, "create_post", new { message = "Our sourdough", photo_url = "https://cdn.example.com/bread.jpg" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        var post = Assert.Single(app.Graph.Posts, p => p.PageId == connected.Pages[0].Id);
        Assert.Equal(("https://cdn.example.com/bread.jpg", "Our sourdough", null), (post.PhotoUrl, post.Message, post.Link));
        Assert.Equal((post.Id, post.PhotoId), (result.GetProperty("post_id").GetString(), result.GetProperty("photo_id").GetString()));
        Assert.StartsWith("https://www.facebook.com/", result.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePost_PostsToThePageChosenInTheSettings_AndRefusesAPageNotGranted()
    {
        var connected = await app.ConnectAsync(App, Ct, ("Alpha Page", false), ("Beta Page", false));
        var beta = connected.Pages.Single(p => p.Name == "Beta Page");

        using (var chosen = await app.ChoosePageAsync(connected.Id, beta.Id, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        }

        using (var posted = await app.RunAsync(connected.Id, "create_post", new { message = "On Beta" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        Assert.Single(app.Graph.Posts, p => p.PageId == beta.Id && p.Message == "On Beta");
        (await app.ChoosePageAsync(connected.Id, "123456789", Ct)).Dispose();
        using var refused = await app.RunAsync(connected.Id, "create_post", new { message = "Nowhere" }, Ct);
        Assert.Contains("Beta Page", await refused.AssertInvalidFieldAsync("settings.page"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAgain_KeepsTheChosenPage_AndPostsWithTheNewPageToken()
    {
        var connected = await app.ConnectAsync(App, Ct, ("Alpha Page", false), ("Beta Page", false));
        var beta = connected.Pages.Single(p => p.Name == "Beta Page");
        (await app.ChoosePageAsync(connected.Id, beta.Id, Ct)).Dispose();
        (await app.RunAsync(connected.Id, "create_post", new { message = "Before" }, Ct)).Dispose();
        var before = Assert.Single(app.Graph.Posts, p => p.PageId == beta.Id).Token;

        var admin = await app.SignInAsync(Ct);
        (await ConnectFlow.ConnectAsync(admin, App, app.Meta, true, Ct)).Dispose();
        using var response = await app.RunAsync(connected.Id, "create_post", new { message = "After" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = Assert.Single(app.Graph.Posts, p => p.PageId == beta.Id && p.Message == "After");
        Assert.NotEqual(before, after.Token);
        Assert.Equal(beta.Id, (await app.ConnectionAsync(connected.Id, Ct)).GetProperty("settings").GetProperty("page").GetString());
    }

    [Theory]
    [InlineData(null, null, null, "input.message")]
    [InlineData("Hi", "ftp://example.com/file", null, "input.link")]
    [InlineData("Hi", null, "http://example.com/photo.jpg", "input.photo_url")]
    [InlineData("Hi", null, "not a url", "input.photo_url")]
    [InlineData("Hi", "https://example.com", "https://example.com/photo.jpg", "input.photo_url")]
    public async Task CreatePost_Is400NamingTheInput_AndPostsNothing_WhenMetaCouldNotTakeIt(string? message, string? link, string? photo, string named)
    {
        var connected = await app.ConnectAsync(App, Ct, ("Sentinel Bakery", false));
        var input = new Dictionary<string, string?> { ["message"] = message, ["link"] = link, ["photo_url"] = photo }
            .Where(f => f.Value is not null).ToDictionary();

        using var response = await app.RunAsync(connected.Id, "create_post", input, Ct);

        await response.AssertInvalidFieldAsync(named);
        Assert.DoesNotContain(app.Graph.Posts, p => p.PageId == connected.Pages[0].Id);
    }

    [Fact]
    public async Task CreatePost_Is429WithMetasEstimatedWait_WhenThePageIsThrottled_AndPostsOnceItIsNot()
    {
        var connected = await app.ConnectAsync(App, Ct, ("Sentinel Bakery", false));
        app.Graph.Throttle(32);

        using var throttled = await app.RunAsync(connected.Id, "create_post", new { message = "Busy page" }, Ct);

        var problem = await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("Page request limit reached", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(7), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal("active", (await app.ConnectionAsync(connected.Id, Ct)).GetProperty("status").GetString());
        using var later = await app.RunAsync(connected.Id, "create_post", new { message = "Busy page" }, Ct);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task CreatePost_Is409AndTheConnectionNeedsReauth_WhenMetaRefusesThePageToken()
    {
        var connected = await app.ConnectAsync(App, Ct, ("Sentinel Bakery", false));
        // The user changed their password: Meta invalidates the user's tokens and the Page tokens got with them (190/460).
        app.Meta.RevokeGrantsOf(connected.Account);

        using var response = await app.RunAsync(connected.Id, "create_post", new { message = "After the password change" }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("needs_reauth", (await app.ConnectionAsync(connected.Id, Ct)).GetProperty("status").GetString());
        Assert.Equal(App, (string?)Assert.Single(await app.EventsAsync("app.connection.needs_reauth", connected.Id))["app"]);
        Assert.DoesNotContain(app.Graph.Posts, p => p.PageId == connected.Pages[0].Id);
    }
}
