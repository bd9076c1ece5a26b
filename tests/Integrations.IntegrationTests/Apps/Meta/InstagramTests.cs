using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Testing;
using Integrations.Testing.Fakes.Meta;

namespace Integrations.IntegrationTests.Apps.Meta;

/// <summary>Instagram: connecting (the Page whose linked professional account posts, the 60-day user token) and
/// <c>create_media_post</c>'s container → status → publish flow against the Meta fake.</summary>
public sealed class InstagramTests(MetaApp app) : IClassFixture<MetaApp>
{
    private const string App = "instagram";
    private const string Action = "create_media_post";
    private const string Image = "https://cdn.example.com/launch.jpg";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_AsksForInstagramsScopes_ChoosesThePageWithAnAccount_AndShowsTheUserTokensSixtyDays()
    {
        var admin = await app.SignInAsync(Ct);
        var scope = HttpUtility.ParseQueryString(new Uri(await ConnectFlow.StartAsync(admin, App, Ct)).Query)["scope"];
        var connectedAt = app.Clock.GetUtcNow();

        var connected = await app.ConnectAsync(App, Ct, ("Alpha Page", false), ("Beta Page", true));

        Assert.Equal("instagram_basic,instagram_content_publish,pages_show_list,pages_read_engagement", scope);
        var view = await app.ConnectionAsync(connected.Id, Ct);
        Assert.Equal("active", view.GetProperty("status").GetString());
        Assert.Equal(connectedAt.AddDays(60), view.GetProperty("expires_at").GetDateTimeOffset());
        Assert.Equal(60, view.GetProperty("expires_in_days").GetInt32());
        var beta = connected.Pages.Single(p => p.Name == "Beta Page");
        Assert.Equal(beta.Id, view.GetProperty("settings").GetProperty("page").GetString());
        // Instagram publishes with the user token: no Page token is kept.
        Assert.DoesNotContain("EAAP", await ConnectFlow.RowsAsync(app, connected.Account.FacebookId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_SaysNoPageHasAnInstagramAccount_WhenNoneIsLinked()
    {
        var connected = await app.ConnectAsync(App, Ct, ("Alpha Page", false));

        Assert.Contains("None of the granted Pages has an Instagram professional account linked", connected.CallbackPage, StringComparison.Ordinal);
        using var response = await app.RunAsync(connected.Id, Action, new { image_url = Image }, Ct);
        await response.AssertInvalidFieldAsync("settings.page");
    }

    [Fact]
    public async Task CreateMediaPost_MakesAContainer_WaitsUntilItIsFinished_ThenPublishes_AndAnswersTheMediaIdAndPermalink()
    {
        var connected = await app.ConnectAsync(App, Ct, ("Beta Page", true));
        var account = connected.Pages[0].InstagramId!;
        app.Graph.ContainerStatuses = ["IN_PROGRESS", "IN_PROGRESS", "FINISHED"];
        var requests = app.Meta.Requests.Count;

        using var response = await app.RunAsync(connected.Id, Action, new { image_url = Image, caption = "Launch day #sentinel" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        var media = Assert.Single(app.Graph.Media, m => m.AccountId == account);
        Assert.Equal((Image, "Launch day #sentinel"), (media.ImageUrl, media.Caption));
        Assert.Equal((media.Id, media.Permalink), (result.GetProperty("post_id").GetString(), result.GetProperty("url").GetString()));
        Assert.Equal(media.ContainerId, result.GetProperty("container_id").GetString());
        var calls = app.GraphCallsSince(requests).Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.Equal([$"POST /{FakeMeta.Version}/{account}/media", .. Enumerable.Repeat($"GET /{FakeMeta.Version}/{media.ContainerId}", 3),
            $"POST /{FakeMeta.Version}/{account}/media_publish", $"GET /{FakeMeta.Version}/{media.Id}"], calls);
    }

    [Fact]
    public async Task CreateMediaPost_Is400NamingTheImage_AndPublishesNothing_WhenMetaCouldNotProcessIt()
    {
        var connected = await app.ConnectAsync(App, Ct, ("Beta Page", true));
        app.Graph.ContainerStatuses = ["IN_PROGRESS", "ERROR"];

        using var response = await app.RunAsync(connected.Id, Action, new { image_url = "https://cdn.example.com/huge.png" }, Ct);

        var message = await response.AssertInvalidFieldAsync("input.image_url");
        Assert.Contains("Media download has failed", message, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Graph.Media, m => m.AccountId == connected.Pages[0].InstagramId);
    }

    [Fact]
    public async Task CreateMediaPost_Is502AndPublishesNothing_WhenTheContainerIsStillInProgressAfterTheLastCheck()
    {
        var connected = await app.ConnectAsync(App, Ct, ("Beta Page", true));
        app.Graph.ContainerStatuses = ["IN_PROGRESS"];

        using var response = await app.RunAsync(connected.Id, Action, new { image_url = Image }, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway);
        Assert.Contains($"still processing the image after {MetaApp.ContainerChecks} checks", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Graph.Media, m => m.AccountId == connected.Pages[0].InstagramId);
    }

    [Theory]
    [InlineData("http://cdn.example.com/launch.jpg", null, "input.image_url")]
    [InlineData("launch.jpg", null, "input.image_url")]
    [InlineData(Image, "long", "input.caption")]
    [InlineData(Image, "hashtags", "input.caption")]
    public async Task CreateMediaPost_Is400NamingTheInput_InstagramWouldRefuse(string image, string? caption, string named)
    {
        var connected = await app.ConnectAsync(App, Ct, ("Beta Page", true));
        var text = caption switch
        {
            "long" => new string('a', 2_201),
            "hashtags" => string.Join(' ', Enumerable.Range(1, 31).Select(i => $"#tag{i}")),
            _ => null,
        };
        var requests = app.Meta.Requests.Count;

        using var response = await app.RunAsync(connected.Id, Action, new { image_url = image, caption = text }, Ct);

        await response.AssertInvalidFieldAsync(named);
        Assert.Empty(app.GraphCallsSince(requests));
    }

    [Fact]
    public async Task CreateMediaPost_Is429WithRetryAfter_WhenMetaThrottlesTheApp()
    {
        var connected = await app.ConnectAsync(App, Ct, ("Beta Page", true));
        app.Graph.Throttle(4);

        using var response = await app.RunAsync(connected.Id, Action, new { image_url = Image }, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("Application request limit reached", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task CreateMediaPost_Is409WithoutCallingMeta_OnceTheUserTokenExpired_AfterTheExpiringNotice()
    {
        var connected = await app.ConnectAsync(App, Ct, ("Beta Page", true));
        app.Clock.Advance(TimeSpan.FromDays(54));
        await app.RunExpiringJobAsync();
        var notice = Assert.Single(await app.EventsAsync("app.connection.expiring", connected.Id));
        Assert.Equal(App, (string?)notice["app"]);
        app.Clock.Advance(TimeSpan.FromDays(7));
        var requests = app.Meta.Requests.Count;

        using var response = await app.RunAsync(connected.Id, Action, new { image_url = Image }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Empty(app.GraphCallsSince(requests));
        var view = await app.ConnectionAsync(connected.Id, Ct);
        Assert.Equal("needs_reauth", view.GetProperty("status").GetString());
        Assert.True(view.GetProperty("token_expired").GetBoolean());
    }
}
