using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Integrations.Apps.Posts;
using Integrations.IntegrationTests.Apps.LinkedIn;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Integrations.Testing.Fakes.LinkedIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Posts;

/// <summary>The LinkedIn app (manual clock, LinkedIn-style fake) with what the scheduled-posts tests do: schedule over
/// the API with a <c>posts:read posts:write</c> key, and run the publisher as Hangfire would.</summary>
public class PostsApp : LinkedInApp
{
    private HttpClient? posts;

    /// <summary>A client whose key holds the posts scopes, in the workspace the admin connects in.</summary>
    public async Task<HttpClient> PostsClientAsync() =>
        posts ??= this.Client((await Keys.IssueAsync(this, [PostsScopes.Read, PostsScopes.Write])).Key);

    /// <summary>Schedules through the API; the response as it came.</summary>
    public async Task<HttpResponseMessage> ScheduleAsync(object request, CancellationToken ct) =>
        await (await PostsClientAsync()).PostAsJsonAsync("/api/v1/posts", request, ct);

    /// <summary>Schedules <paramref name="text"/> for <paramref name="connectionId"/> at <paramref name="after"/> from the
    /// app's clock; the post as the API answered it.</summary>
    public async Task<JsonElement> ScheduledAsync(string connectionId, string text, TimeSpan after, CancellationToken ct, string? link = null)
    {
        using var response = await ScheduleAsync(new { connection_id = connectionId, text, link, publish_at = At(after) }, ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    /// <summary>The app's time plus <paramref name="after"/>, as ISO 8601.</summary>
    public string At(TimeSpan after) => (Clock.GetUtcNow() + after).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<JsonElement> PostAsync(string id, CancellationToken ct) =>
        await (await PostsClientAsync()).GetFromJsonAsync<JsonElement>($"/api/v1/posts/{id}", ct);

    /// <summary>The minutely run (reconcile, then what is due).</summary>
    public async Task RunDueAsync()
    {
        await using var scope = Scope();
        await scope.ServiceProvider.GetRequiredService<PostPublisher>().RunDueAsync(CancellationToken.None);
    }

    /// <summary>The job scheduled at the post's time.</summary>
    public async Task PublishAsync(string id)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.ScheduledPost, id, out var key));
        await using var scope = Scope();
        await scope.ServiceProvider.GetRequiredService<PostPublisher>().PublishAsync(key, CancellationToken.None);
    }

    /// <summary>The publish jobs Hangfire holds scheduled for the post.</summary>
    public int ScheduledJobs(string id)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.ScheduledPost, id, out var key));
        return Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 1000)
            .Count(j => j.Value.Job?.Type == typeof(PostPublisher) && Equals(j.Value.Job.Args[0], key));
    }

    /// <summary>Leaves the post as a worker that crashed mid-call would: <c>publishing</c>, its attempt counted, its lease run out.</summary>
    public async Task InterruptAsync(string id)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.ScheduledPost, id, out var key));
        await using var scope = Scope();
        var lapsed = Clock.GetUtcNow() - TimeSpan.FromMinutes(1);
        await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database.ExecuteSqlAsync(
            $"UPDATE scheduled_posts SET status = 'publishing', attempts = attempts + 1, lease_until = {lapsed} WHERE id = {key}");
    }

    /// <summary>The fake's posts with this text.</summary>
    public List<FakeLinkedInPost> PostsWith(string text) => [.. Posts.Posts.Where(p => p.Commentary == text)];
}
