using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;
using Integrations.Testing.Fakes.LinkedIn;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.IntegrationTests.Apps.LinkedIn;

/// <summary>LinkedIn's <c>create_post</c> through the fake Posts API.</summary>
public sealed class CreatePostTests(LinkedInApp app) : IClassFixture<LinkedInApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreatePost_PublishesAsTheMember_AndAnswersThePostsUrnAndUrl()
    {
        var (account, _, id) = await app.ConnectAsync(Ct);

        using var response = await app.RunAsync(id, new { text = "We are hiring (remote) #jobs @ Sentinel_CRM" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("result");
        var post = Assert.Single(app.Posts.Posts, p => p.Author == $"urn:li:person:{account.LinkedInId}");
        Assert.Equal(post.Urn, result.GetProperty("post_urn").GetString());
        Assert.Equal($"https://www.linkedin.com/feed/update/{post.Urn}", result.GetProperty("url").GetString());
        Assert.Equal(@"We are hiring \(remote\) \#jobs \@ Sentinel\_CRM", post.Commentary);
        Assert.Equal(("PUBLIC", LinkedInApp.ApiVersion, "2.0.0"), (post.Visibility, post.Version, post.RestliProtocol));
        Assert.Null(post.ArticleSource);
    }

    [Fact]
    public async Task CreatePost_SharesTheLinkAsAnArticle_TitledByTheLinkWhenNoTitleIsGiven()
    {
        var (account, _, id) = await app.ConnectAsync(Ct);

        using var titled = await app.RunAsync(id, new { text = "Our release notes", link = "https://example.com/releases/12", link_title = "Release 12" }, Ct);
        using var untitled = await app.RunAsync(id, new { text = "Our blog", link = "https://example.com/blog/" }, Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (titled.StatusCode, untitled.StatusCode));
        var posts = app.Posts.Posts.Where(p => p.Author == $"urn:li:person:{account.LinkedInId}").ToList();
        Assert.Equal(("https://example.com/releases/12", "Release 12"), (posts[0].ArticleSource, posts[0].ArticleTitle));
        Assert.Equal(("https://example.com/blog/", "example.com/blog"), (posts[1].ArticleSource, posts[1].ArticleTitle));
    }

    [Theory]
    [InlineData("text", "", "input.text")]
    [InlineData("link", "not a url", "input.link")]
    [InlineData("link", "ftp://example.com/file", "input.link")]
    [InlineData("link_title", "A title without a link", "input.link_title")]
    public async Task CreatePost_Is400NamingTheInput_LinkedInWouldRefuse(string field, string value, string named)
    {
        var (_, _, id) = await app.ConnectAsync(Ct);
        var input = new Dictionary<string, string> { ["text"] = "Hello", [field] = value };
        var posts = app.Posts.Posts.Count;

        using var response = await app.RunAsync(id, input, Ct);

        await response.AssertInvalidFieldAsync(named);
        Assert.Equal(posts, app.Posts.Posts.Count);
    }

    [Fact]
    public async Task CreatePost_Is400_WhenTheTextIsOverLinkedInsLimit()
    {
        var (_, _, id) = await app.ConnectAsync(Ct);

        using var response = await app.RunAsync(id, new { text = new string('a', 3_001) }, Ct);

        Assert.Contains("3,000", await response.AssertInvalidFieldAsync("input.text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePost_Is502WithLinkedInsWords_WhenThePostIsADuplicate()
    {
        var (_, _, id) = await app.ConnectAsync(Ct);
        (await app.RunAsync(id, new { text = "Same words" }, Ct)).Dispose();

        using var again = await app.RunAsync(id, new { text = "Same words" }, Ct);

        var problem = await again.AssertProblemAsync(HttpStatusCode.BadGateway);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("DUPLICATE_POST", detail, StringComparison.Ordinal);
        Assert.Contains("Content is a duplicate of urn:li:share:", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePost_Is502SayingAccessDenied_WhenTheTokenLacksWMemberSocial()
    {
        var (account, key, id) = await app.ConnectAsync(Ct);
        var narrower = app.LinkedIn.IssueTokens(app.OAuthClient, account, "openid", "profile", "email");
        await app.StoreTokensAsync(key, narrower.AccessToken);

        using var response = await app.RunAsync(id, new { text = "Hello" }, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway);
        Assert.Contains("ACCESS_DENIED", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Posts.Posts, p => p.Author == $"urn:li:person:{account.LinkedInId}");
    }

    [Fact]
    public async Task CreatePost_Is429WithRetryAfter_WhenLinkedInThrottles()
    {
        var (_, _, id) = await app.ConnectAsync(Ct);
        app.LinkedIn.InjectFault(FakeLinkedIn.PostsPath, FakeFault.TooManyRequests(TimeSpan.FromSeconds(42)));

        using var response = await app.RunAsync(id, new { text = "Throttled" }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(42), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task CreatePost_Is409AndTheConnectionNeedsReauth_WhenTheMemberRevokedTheApp()
    {
        var (account, _, id) = await app.ConnectAsync(Ct);
        app.LinkedIn.RevokeGrantsOf(account);

        using var response = await app.RunAsync(id, new { text = "After revoking" }, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("connect", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("needs_reauth", (await app.ConnectionAsync(id, Ct)).GetProperty("status").GetString());
        var reauth = Assert.Single(await app.EventsAsync("app.connection.needs_reauth", id));
        Assert.Equal("linkedin", (string?)reauth["app"]);
        Assert.DoesNotContain(app.Posts.Posts, p => p.Author == $"urn:li:person:{account.LinkedInId}");
    }
}
