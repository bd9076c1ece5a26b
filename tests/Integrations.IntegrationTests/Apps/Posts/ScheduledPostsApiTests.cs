using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Apps.Posts;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Posts;

/// <summary><c>/api/v1/posts</c>: scheduling (each refusal naming its field), listing, reading, canceling, and the scopes.</summary>
public sealed class ScheduledPostsApiTests(PostsApp app) : IClassFixture<PostsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Schedule_Is201WithTheScheduledPost_AuditedAndWithAJobAtItsTime()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        var at = app.Clock.GetUtcNow().AddHours(3);

        using var response = await app.ScheduleAsync(new
        {
            connection_id = connection, text = "Our spring release is out", link = "https://example.com/spring",
            publish_at = at.ToOffset(TimeSpan.FromHours(2)).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var post = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = post.GetProperty("id").GetString()!;
        Assert.StartsWith("pst_", id, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/posts/{id}", response.Headers.Location?.ToString());
        Assert.Equal(("scheduled", "linkedin", connection, 0), (post.GetProperty("status").GetString(), post.GetProperty("app").GetString(),
            post.GetProperty("connection_id").GetString(), post.GetProperty("attempts").GetInt32()));
        Assert.Equal(at, post.GetProperty("publish_at").GetDateTimeOffset());
        Assert.Equal("https://example.com/spring", post.GetProperty("link").GetString());
        Assert.Equal(1, app.ScheduledJobs(id));
        Assert.Equal("scheduled", (await app.PostAsync(id, Ct)).GetProperty("status").GetString());
        await using var scope = app.Scope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AuditEntry>().IgnoreQueryFilters()
            .AnyAsync(e => e.Action == "post.scheduled" && e.ObjectId == id, Ct));
    }

    [Theory]
    [InlineData("", "connection_id", "required")]
    [InlineData("cxn_00000000000000000000000000000000", "connection_id", "no connection")]
    public async Task Schedule_Is400NamingTheConnection_WhenThereIsNone(string connection, string field, string says)
    {
        using var response = await app.ScheduleAsync(new { connection_id = connection, text = "Hello", publish_at = app.At(TimeSpan.FromHours(1)) }, Ct);

        Assert.Contains(says, await response.AssertInvalidFieldAsync(field), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_Is400NamingTheConnection_WhenItsAppCannotPost()
    {
        var gmail = await ArrangeConnectionAsync("gmail");

        using var response = await app.ScheduleAsync(new { connection_id = gmail, text = "Hello", publish_at = app.At(TimeSpan.FromHours(1)) }, Ct);

        Assert.Equal("Gmail connections cannot post; a post goes to LinkedIn, Facebook Pages, Instagram.", await response.AssertInvalidFieldAsync("connection_id"));
    }

    [Fact]
    public async Task Schedule_Is400NamingTheConnection_OfAnotherWorkspace()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        var (_, other) = await app.ClientInNewWorkspaceAsync(PostsScopes.Write);

        using var response = await other.PostAsJsonAsync("/api/v1/posts", new { connection_id = connection, text = "Hello", publish_at = app.At(TimeSpan.FromHours(1)) }, Ct);

        Assert.Contains("no connection", await response.AssertInvalidFieldAsync("connection_id"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("tomorrow at noon", "ISO 8601")]
    [InlineData("2026-12-04T15:00:00", "ISO 8601")]
    [InlineData("PAST", "in the past")]
    [InlineData("FAR", "days ahead")]
    public async Task Schedule_Is400NamingPublishAt_WhenItIsMissingUnreadableOrPast(string? publishAt, string says)
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        publishAt = publishAt switch { "PAST" => app.At(-TimeSpan.FromMinutes(10)), "FAR" => app.At(TimeSpan.FromDays(400)), _ => publishAt };

        using var response = await app.ScheduleAsync(new { connection_id = connection, text = "Hello", publish_at = publishAt }, Ct);

        Assert.Contains(says, await response.AssertInvalidFieldAsync("publish_at"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_TakesATimeAMomentAgo_WithinTheGrace()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);

        var post = await app.ScheduledAsync(connection, $"Just now {Guid.NewGuid():N}", -TimeSpan.FromSeconds(30), Ct);

        Assert.Equal("scheduled", post.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Schedule_Is400NamingTheText_WhenItIsOverLinkedInsLimitOrMissing()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);

        using var tooLong = await app.ScheduleAsync(new { connection_id = connection, text = new string('a', 3_001), publish_at = app.At(TimeSpan.FromHours(1)) }, Ct);
        using var missing = await app.ScheduleAsync(new { connection_id = connection, publish_at = app.At(TimeSpan.FromHours(1)) }, Ct);

        Assert.Equal("LinkedIn takes posts of at most 3,000 characters.", await tooLong.AssertInvalidFieldAsync("text"));
        Assert.Equal("Text is required.", await missing.AssertInvalidFieldAsync("text"));
    }

    [Theory]
    [InlineData("link", "not a url", "absolute http or https URL")]
    [InlineData("image_url", "https://example.com/a.png", "LinkedIn posts take no image url.")]
    public async Task Schedule_Is400NamingTheField_LinkedInCannotTake(string field, string value, string says)
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        var request = new Dictionary<string, string> { ["connection_id"] = connection, ["text"] = "Hello", ["publish_at"] = app.At(TimeSpan.FromHours(1)), [field] = value };

        using var response = await app.ScheduleAsync(request, Ct);

        Assert.Contains(says, await response.AssertInvalidFieldAsync(field), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersByStatus_AndPagesWithACursor()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await app.ScheduledAsync(connection, $"Listed {i} {Guid.NewGuid():N}", TimeSpan.FromDays(30), Ct)).GetProperty("id").GetString()!);
        }

        (await (await app.PostsClientAsync()).PostAsync($"/api/v1/posts/{ids[1]}/cancel", null, Ct)).Dispose();
        var client = await app.PostsClientAsync();

        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/posts?status=canceled&limit=200", Ct);
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/posts?limit=1", Ct);
        var next = await client.GetFromJsonAsync<JsonElement>($"/api/v1/posts?limit=1&cursor={page.GetProperty("next_cursor").GetString()}", Ct);
        using var bad = await client.GetAsync("/api/v1/posts?status=sent", Ct);

        Assert.Contains(ids[1], first.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.All(first.GetProperty("data").EnumerateArray(), p => Assert.Equal("canceled", p.GetProperty("status").GetString()));
        Assert.Equal(ids[2], page.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal(ids[1], next.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Contains("scheduled", await bad.AssertInvalidFieldAsync("status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_StopsAScheduledPost_AndIs409OnceItIsNotScheduled()
    {
        var (account, _, connection) = await app.ConnectAsync(Ct);
        var text = $"Canceled {Guid.NewGuid():N}";
        var id = (await app.ScheduledAsync(connection, text, TimeSpan.FromMinutes(5), Ct)).GetProperty("id").GetString()!;
        var client = await app.PostsClientAsync();

        using var canceled = await client.PostAsync($"/api/v1/posts/{id}/cancel", null, Ct);
        using var again = await client.PostAsync($"/api/v1/posts/{id}/cancel", null, Ct);
        using var missing = await client.PostAsync("/api/v1/posts/pst_00000000000000000000000000000000/cancel", null, Ct);
        await app.PublishAsync(id);

        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        Assert.Equal("canceled", (await canceled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Contains("canceled", (await again.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(app.PostsWith(text));
        Assert.DoesNotContain(app.Posts.Posts, p => p.Author == $"urn:li:person:{account.LinkedInId}");
        await using var scope = app.Scope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AuditEntry>().IgnoreQueryFilters()
            .AnyAsync(e => e.Action == "post.canceled" && e.ObjectId == id, Ct));
    }

    [Fact]
    public async Task Scopes_ReadingNeedsPostsRead_SchedulingAndCancelingNeedPostsWrite_AppsScopesAreNotEnough()
    {
        var (_, _, connection) = await app.ConnectAsync(Ct);
        var id = (await app.ScheduledAsync(connection, $"Scoped {Guid.NewGuid():N}", TimeSpan.FromHours(1), Ct)).GetProperty("id").GetString()!;
        var reader = app.Client((await Keys.IssueAsync(app, [PostsScopes.Read])).Key);
        var apps = app.Client((await Keys.IssueAsync(app, ["apps:read", "apps:write"])).Key);
        var request = new { connection_id = connection, text = "Hello", publish_at = app.At(TimeSpan.FromHours(1)) };

        using var read = await reader.GetAsync($"/api/v1/posts/{id}", Ct);
        using var readerSchedules = await reader.PostAsJsonAsync("/api/v1/posts", request, Ct);
        using var readerCancels = await reader.PostAsync($"/api/v1/posts/{id}/cancel", null, Ct);
        using var appsList = await apps.GetAsync("/api/v1/posts", Ct);
        using var appsSchedules = await apps.PostAsJsonAsync("/api/v1/posts", request, Ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("posts:write", (await readerSchedules.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        await readerCancels.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("posts:read", (await appsList.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        await appsSchedules.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("scheduled", (await app.PostAsync(id, Ct)).GetProperty("status").GetString());
    }

    /// <summary>A connection of <paramref name="appId"/> in the first workspace, stored as a connect would store it.</summary>
    private async Task<string> ArrangeConnectionAsync(string appId)
    {
        await using var scope = app.Scope();
        var services = scope.ServiceProvider;
        var workspace = (await services.GetRequiredService<Integrations.Platform.Workspaces.WorkspaceDirectory>().FirstAsync(Ct))!.Id;
        var connection = new Integrations.Apps.Connections.AppConnection
        {
            Id = Guid.CreateVersion7(), WorkspaceId = workspace, AppId = appId, Account = $"{Guid.NewGuid():N}@example.com", AccountName = "Ana",
            AccessTokenCiphertext = services.GetRequiredService<Integrations.Apps.Security.AppSecrets>().Protect("token"), ConnectedBy = "test",
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        var db = services.GetRequiredService<IntegrationsDbContext>();
        db.Add(connection);
        await db.SaveChangesAsync(Ct);
        return $"cxn_{connection.Id:N}";
    }
}
