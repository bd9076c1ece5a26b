using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Apps.Posts;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Meta;

/// <summary>Posts scheduled for a Facebook Page and an Instagram account go out through their apps' actions when due,
/// once, with Meta's post id and link recorded.</summary>
public sealed class MetaScheduledPostsTests(MetaApp app) : IClassFixture<MetaApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FacebookPagePost_IsPublishedWhenDue_WithThePhoto_AndMetasPostId()
    {
        var connected = await app.ConnectAsync("facebook-pages", Ct, ("Scheduled Bakery", false));
        var text = $"Opening soon {Guid.NewGuid():N}";

        var post = await ScheduleAndPublishAsync(new { connection_id = connected.Id, text, image_url = "https://cdn.example.com/shop.jpg" });

        var sent = Assert.Single(app.Graph.Posts, p => p.Message == text);
        Assert.Equal((connected.Pages[0].Id, "https://cdn.example.com/shop.jpg"), (sent.PageId, sent.PhotoUrl));
        Assert.Equal(("published", sent.Id), (post.GetProperty("status").GetString(), post.GetProperty("provider_post_id").GetString()));
        Assert.StartsWith("https://www.facebook.com/", post.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstagramPost_IsPublishedWhenDue_ThroughTheContainer_WithItsPermalink()
    {
        var connected = await app.ConnectAsync("instagram", Ct, ("Scheduled Studio", true));
        var caption = $"New collection {Guid.NewGuid():N}";

        var post = await ScheduleAndPublishAsync(new { connection_id = connected.Id, text = caption, image_url = "https://cdn.example.com/look.jpg" });

        var media = Assert.Single(app.Graph.Media, m => m.Caption == caption);
        Assert.Equal(("published", media.Id), (post.GetProperty("status").GetString(), post.GetProperty("provider_post_id").GetString()));
        Assert.False(string.IsNullOrEmpty(post.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task InstagramPost_WithoutAnImage_IsRefusedWhenScheduled_NamingImageUrl()
    {
        var connected = await app.ConnectAsync("instagram", Ct, ("Imageless Studio", true));
        using var client = await PostsClientAsync();

        using var response = await client.PostAsJsonAsync("/api/v1/posts", new { connection_id = connected.Id, text = "No picture", publish_at = At() }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("image_url", out _), errors.ToString());
    }

    private async Task<JsonElement> ScheduleAndPublishAsync(object body)
    {
        using var client = await PostsClientAsync();
        using var created = await client.PostAsJsonAsync("/api/v1/posts", AtNow(body), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<PostPublisher>().RunDueAsync(CancellationToken.None);
        }

        return await client.GetFromJsonAsync<JsonElement>($"/api/v1/posts/{id}", Ct);
    }

    private Dictionary<string, object?> AtNow(object body)
    {
        var fields = JsonSerializer.SerializeToElement(body).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["publish_at"] = At();
        return fields;
    }

    private string At() => app.Clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HttpClient> PostsClientAsync() => app.Client((await Keys.IssueAsync(app, ["posts:write", "posts:read"])).Key);
}
