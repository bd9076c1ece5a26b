using Integrations.Testing;
using Integrations.Testing.Fakes.LinkedIn;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.IntegrationTests.Apps.Posts;

/// <summary>The publisher against the fake Posts API: once, at the post's time, whoever runs it; throttled posts come back
/// later; a refusal fails the post with LinkedIn's words; each ending announced as its event.</summary>
public sealed class PostPublisherTests(PostsApp app) : IClassFixture<PostsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publisher_PublishesOnceAtTheDueTime_WithLinkedInsIdAndLink_AndSaysSoInAnEvent()
    {
        var (account, _, connection) = await app.ConnectAsync(Ct);
        var text = $"Due in ten minutes {Guid.NewGuid():N}";
        var id = (await app.ScheduledAsync(connection, text, TimeSpan.FromMinutes(10), Ct, link: "https://example.com/launch")).GetProperty("id").GetString()!;

        await app.PublishAsync(id);
        await app.RunDueAsync();
        Assert.Empty(app.PostsWith(text));
        Assert.Equal("scheduled", (await app.PostAsync(id, Ct)).GetProperty("status").GetString());

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.PublishAsync(id);
        await app.RunDueAsync();
        await app.PublishAsync(id);

        var sent = Assert.Single(app.PostsWith(text));
        Assert.Equal(($"urn:li:person:{account.LinkedInId}", "https://example.com/launch"), (sent.Author, sent.ArticleSource));
        var post = await app.PostAsync(id, Ct);
        Assert.Equal(("published", 1), (post.GetProperty("status").GetString(), post.GetProperty("attempts").GetInt32()));
        Assert.Equal(sent.Urn, post.GetProperty("provider_post_id").GetString());
        Assert.Equal($"https://www.linkedin.com/feed/update/{sent.Urn}", post.GetProperty("url").GetString());
        var published = Assert.Single(await app.EventsAsync("post.published", connection), e => (string?)e["post_id"] == id);
        Assert.Equal((sent.Urn, "linkedin"), ((string?)published["provider_post_id"], (string?)published["app"]));
        Assert.DoesNotContain(await app.EventsAsync("post.failed", connection), e => (string?)e["post_id"] == id);
    }

    [Fact]
    public async Task TwoWorkersRacing_PublishThePostOnce()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        var text = $"Raced {Guid.NewGuid():N}";
        var id = (await app.ScheduledAsync(connection, text, TimeSpan.Zero, Ct)).GetProperty("id").GetString()!;
        var release = new TaskCompletionSource();
        app.LinkedIn.InjectFault(FakeLinkedIn.PostsPath, FakeFault.HeldUntil(release.Task));

        var first = app.PublishAsync(id);
        await Poll.UntilAsync(async () => (await app.PostAsync(id, Ct)).GetProperty("status").GetString(), s => s == "publishing",
            TimeSpan.FromSeconds(10), s => $"the first worker should hold the post, it is {s}");
        var second = Task.WhenAll(app.PublishAsync(id), app.RunDueAsync());
        await second;
        release.SetResult();
        await first;

        Assert.Single(app.PostsWith(text));
        var post = await app.PostAsync(id, Ct);
        Assert.Equal(("published", 1), (post.GetProperty("status").GetString(), post.GetProperty("attempts").GetInt32()));
        Assert.Single(await app.EventsAsync("post.published", connection), e => (string?)e["post_id"] == id);
    }

    [Fact]
    public async Task Throttled_GoesBackToTheScheduleAfterRetryAfter_ThenPublishes()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        var text = $"Throttled {Guid.NewGuid():N}";
        var id = (await app.ScheduledAsync(connection, text, TimeSpan.Zero, Ct)).GetProperty("id").GetString()!;
        app.LinkedIn.InjectFault(FakeLinkedIn.PostsPath, FakeFault.TooManyRequests(TimeSpan.FromSeconds(90)));

        await app.PublishAsync(id);

        var waiting = await app.PostAsync(id, Ct);
        Assert.Equal(("scheduled", 1), (waiting.GetProperty("status").GetString(), waiting.GetProperty("attempts").GetInt32()));
        Assert.Equal(app.Clock.GetUtcNow().AddSeconds(90), waiting.GetProperty("publish_at").GetDateTimeOffset());
        Assert.Contains("throttling", waiting.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, app.ScheduledJobs(id));
        Assert.Empty(app.PostsWith(text));

        app.Clock.Advance(TimeSpan.FromSeconds(90));
        await app.PublishAsync(id);

        Assert.Single(app.PostsWith(text));
        var post = await app.PostAsync(id, Ct);
        Assert.Equal(("published", 2), (post.GetProperty("status").GetString(), post.GetProperty("attempts").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, post.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Throttled_FailsOnceItsAttemptsAreSpent()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        var id = (await app.ScheduledAsync(connection, $"Always throttled {Guid.NewGuid():N}", TimeSpan.Zero, Ct)).GetProperty("id").GetString()!;
        app.LinkedIn.InjectFault(FakeLinkedIn.PostsPath, FakeFault.TooManyRequests(TimeSpan.FromSeconds(5)), times: 5);

        for (var i = 0; i < 5; i++)
        {
            await app.PublishAsync(id);
            app.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        var post = await app.PostAsync(id, Ct);
        Assert.Equal(("failed", 5), (post.GetProperty("status").GetString(), post.GetProperty("attempts").GetInt32()));
        Assert.Contains("throttling", post.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Single(await app.EventsAsync("post.failed", connection), e => (string?)e["post_id"] == id);
    }

    [Fact]
    public async Task ProviderRefusal_FailsThePost_WithLinkedInsMessage_OnPageAndInTheEvent()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        var text = $"Said twice {Guid.NewGuid():N}";
        (await app.RunAsync(connection, new { text }, Ct)).Dispose();
        var id = (await app.ScheduledAsync(connection, text, TimeSpan.Zero, Ct)).GetProperty("id").GetString()!;

        await app.RunDueAsync();

        var post = await app.PostAsync(id, Ct);
        Assert.Equal("failed", post.GetProperty("status").GetString());
        var error = post.GetProperty("error").GetString()!;
        Assert.Contains("DUPLICATE_POST", error, StringComparison.Ordinal);
        Assert.Contains("Content is a duplicate of urn:li:share:", error, StringComparison.Ordinal);
        var failed = Assert.Single(await app.EventsAsync("post.failed", connection), e => (string?)e["post_id"] == id);
        Assert.Equal(error, (string?)failed["error"]);
        Assert.Single(app.PostsWith(text));
    }

    [Fact]
    public async Task RevokedMember_FailsThePost_SayingToConnectAgain()
    {
        var (account, _, connection) = await app.ConnectAsync(Ct);
        var id = (await app.ScheduledAsync(connection, $"After revoking {Guid.NewGuid():N}", TimeSpan.Zero, Ct)).GetProperty("id").GetString()!;
        app.LinkedIn.RevokeGrantsOf(account);

        await app.PublishAsync(id);

        var post = await app.PostAsync(id, Ct);
        Assert.Equal("failed", post.GetProperty("status").GetString());
        Assert.Contains("connect", post.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
