using System.Globalization;
using System.Text.Json.Nodes;
using Hangfire;
using Integrations.Apps.Connect;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Integrations.Apps.Posts;

/// <summary>
/// Ends an attempt: <c>published</c> (with the provider's id and link) or <c>failed</c> (with its message), each with its
/// event in the same transaction, or back to <c>scheduled</c> for later. Only the attempt that holds the row can end it
/// (it is still <c>publishing</c> at that attempt): false when another got there first.
/// </summary>
internal sealed class PostOutcomes(IntegrationsDbContext db, EventLog events, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task<bool> PublishedAsync(ScheduledPost post, string? providerPostId, string? url, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await EndAsync(post, PostStatus.Published, p => p
            .SetProperty(r => r.Status, PostStatus.Published).SetProperty(r => r.ProviderPostId, providerPostId).SetProperty(r => r.Url, url)
            .SetProperty(r => r.Error, (string?)null).SetProperty(r => r.PublishedAt, now).SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(r => r.UpdatedAt, now),
            Data(post, new JsonObject
            {
                ["provider_post_id"] = providerPostId, ["url"] = url, ["published_at"] = Stamp(now),
            }), ct);
    }

    public async Task<bool> FailedAsync(ScheduledPost post, string error, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var message = ProviderErrors.Bounded(error);
        return await EndAsync(post, PostStatus.Failed, p => p
            .SetProperty(r => r.Status, PostStatus.Failed).SetProperty(r => r.Error, message).SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null)
            .SetProperty(r => r.UpdatedAt, now),
            Data(post, new JsonObject { ["error"] = message }), ct);
    }

    /// <summary>Back to <c>scheduled</c> at <paramref name="at"/> (no event: it is still to come), with why.</summary>
    public async Task<bool> RescheduleAsync(ScheduledPost post, DateTimeOffset at, string why, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var message = ProviderErrors.Bounded(why);
        var done = await Holding(post).ExecuteUpdateAsync(p => p
            .SetProperty(r => r.Status, PostStatus.Scheduled).SetProperty(r => r.PublishAt, at).SetProperty(r => r.Error, message)
            .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null).SetProperty(r => r.UpdatedAt, now), ct) == 1;
        if (done)
        {
            var id = post.Id;
            jobs.Schedule<PostPublisher>(p => p.PublishAsync(id, CancellationToken.None), at);
        }

        return done;
    }

    private async Task<bool> EndAsync(ScheduledPost post, string status, Action<UpdateSettersBuilder<ScheduledPost>> set, JsonObject data, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await Holding(post).ExecuteUpdateAsync(set, ct) != 1)
        {
            return false;
        }

        await events.AppendAsync([new EventRecord(status == PostStatus.Published ? EventCatalog.PostPublished : EventCatalog.PostFailed, data.ToJsonString())], ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private IQueryable<ScheduledPost> Holding(ScheduledPost post) => db.Set<ScheduledPost>().IgnoreQueryFilters()
        .Where(p => p.Id == post.Id && p.Status == PostStatus.Publishing && p.Attempts == post.Attempts);

    private static JsonObject Data(ScheduledPost post, JsonObject outcome)
    {
        var data = new JsonObject
        {
            ["post_id"] = PublicId.Format(IdPrefixes.ScheduledPost, post.Id),
            ["connection_id"] = PublicId.Format(IdPrefixes.AppConnection, post.ConnectionId),
            ["app"] = post.AppId,
            ["publish_at"] = Stamp(post.PublishAt),
            ["attempts"] = post.Attempts,
        };
        foreach (var (name, value) in outcome)
        {
            data[name] = value?.DeepClone();
        }

        return data;
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
