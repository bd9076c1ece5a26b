using Integrations.Apps.Connections;
using Integrations.Apps.Posts;
using Integrations.Testing.Fakes.LinkedIn;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Posts;

/// <summary>A worker that died mid-call leaves its post <c>publishing</c> past its lease: LinkedIn cannot be asked (its member
/// token cannot read posts), so the post fails and says to check; it is never sent again blindly.</summary>
public sealed class PostReconcileTests(PostsApp app) : IClassFixture<PostsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Interrupted_FailsWithoutPublishingAgain_WhenTheAppCannotLookItsPostsUp()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        var text = $"Interrupted {Guid.NewGuid():N}";
        var id = (await app.ScheduledAsync(connection, text, TimeSpan.Zero, Ct)).GetProperty("id").GetString()!;
        await app.InterruptAsync(id);

        await app.RunDueAsync();
        await app.PublishAsync(id);

        var post = await app.PostAsync(id, Ct);
        Assert.Equal("failed", post.GetProperty("status").GetString());
        Assert.Equal("Publishing was interrupted; check LinkedIn before scheduling it again.", post.GetProperty("error").GetString());
        Assert.Empty(app.PostsWith(text));
        Assert.Single(await app.EventsAsync("post.failed", connection), e => (string?)e["post_id"] == id);
    }

    [Fact]
    public async Task Publishing_WithinItsLease_IsLeftToItsWorker()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        var id = (await app.ScheduledAsync(connection, $"Still publishing {Guid.NewGuid():N}", TimeSpan.Zero, Ct)).GetProperty("id").GetString()!;
        await app.InterruptAsync(id);
        app.Clock.Advance(-TimeSpan.FromMinutes(2));
        try
        {
            await app.RunDueAsync();
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        Assert.Equal("publishing", (await app.PostAsync(id, Ct)).GetProperty("status").GetString());
    }
}

/// <summary>As <see cref="PostReconcileTests"/>, for an app that can look its posts up (as Facebook Pages will): here
/// LinkedIn given a lookup that reads the fake's posts, so the post found is published and one not found is tried again.</summary>
public sealed class PostLookupReconcileTests(PostLookupReconcileTests.App app) : IClassFixture<PostLookupReconcileTests.App>
{
    public sealed class App : PostsApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IPostLookup>(new FakeLookup(Posts)));
        }
    }

    /// <summary>The fake's posts by the member, matched by text as a real lookup would match the feed's.</summary>
    private sealed class FakeLookup(FakeLinkedIn fake) : IPostLookup
    {
        public string AppId => "linkedin";

        public Task<FoundPost?> FindAsync(AppConnection connection, string text, DateTimeOffset since, CancellationToken ct) =>
            Task.FromResult(fake.Posts.FirstOrDefault(p => p.Author == $"urn:li:person:{connection.Account}" && p.Commentary == text) is { } post
                ? new FoundPost(post.Urn, $"https://www.linkedin.com/feed/update/{post.Urn}")
                : null);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Interrupted_IsPublished_WhenTheProviderHasThePost()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        var text = $"Reached LinkedIn {Guid.NewGuid():N}";
        var id = (await app.ScheduledAsync(connection, text, TimeSpan.Zero, Ct)).GetProperty("id").GetString()!;
        // The worker's call reached LinkedIn, then the worker died before recording it.
        (await app.RunAsync(connection, new { text }, Ct)).Dispose();
        await app.InterruptAsync(id);

        await app.RunDueAsync();

        var sent = Assert.Single(app.PostsWith(text));
        var post = await app.PostAsync(id, Ct);
        Assert.Equal(("published", sent.Urn), (post.GetProperty("status").GetString(), post.GetProperty("provider_post_id").GetString()));
        Assert.Single(await app.EventsAsync("post.published", connection), e => (string?)e["post_id"] == id);
    }

    [Fact]
    public async Task Interrupted_IsTriedAgainOnce_WhenTheProviderDoesNotHaveThePost()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        var text = $"Never reached LinkedIn {Guid.NewGuid():N}";
        var id = (await app.ScheduledAsync(connection, text, TimeSpan.Zero, Ct)).GetProperty("id").GetString()!;
        await app.InterruptAsync(id);

        await app.RunDueAsync();

        Assert.Single(app.PostsWith(text));
        var post = await app.PostAsync(id, Ct);
        Assert.Equal(("published", 2), (post.GetProperty("status").GetString(), post.GetProperty("attempts").GetInt32()));
    }
}
