using Hangfire;
using Integrations.Apps.Actions;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Posts;

/// <summary>The workspace's scheduled posts (the API and <c>/integrations/posts</c>): scheduled after the same checks
/// the app's action makes, listed, and canceled while they wait. <c>PostPublisher</c> publishes them.</summary>
public sealed class ScheduledPosts
{
    private readonly IntegrationsDbContext db;
    private readonly AppCatalogue catalogue;
    private readonly AppActions actions;
    private readonly AppConnections connections;
    private readonly AuditTrail audit;
    private readonly Caller caller;
    private readonly IBackgroundJobClient jobs;
    private readonly TimeProvider clock;
    private readonly PostsOptions options;

    internal ScheduledPosts(IntegrationsDbContext db, AppCatalogue catalogue, AppActions actions, AppConnections connections, AuditTrail audit,
        Caller caller, IBackgroundJobClient jobs, TimeProvider clock, IOptions<PostsOptions> options)
    {
        this.db = db;
        this.catalogue = catalogue;
        this.actions = actions;
        this.connections = connections;
        this.audit = audit;
        this.caller = caller;
        this.jobs = jobs;
        this.clock = clock;
        this.options = options.Value;
    }

    /// <summary>The names of the apps a post can go to (LinkedIn…), as the catalogue names them.</summary>
    public IReadOnlyList<string> AppNames => [.. PostTargets.All.Select(t => catalogue.Find(t.AppId)?.Name ?? t.AppId)];

    /// <summary>The workspace's usable connections a post can go to, newest first.</summary>
    public async Task<IReadOnlyList<ConnectionView>> TargetsAsync(CancellationToken ct)
    {
        var targets = new List<ConnectionView>();
        foreach (var target in PostTargets.All)
        {
            targets.AddRange(await connections.ListAsync(target.AppId, null, 200, ct));
        }

        return [.. targets.Where(c => Usable(c.Status)).OrderByDescending(c => c.Id, StringComparer.Ordinal)];
    }

    /// <summary>Schedules the post; errors by field (<c>connection_id</c>, <c>text</c>, <c>link</c>, <c>image_url</c>,
    /// <c>publish_at</c>) when it cannot be.</summary>
    public async Task<(PostView? View, Dictionary<string, string[]> Errors)> ScheduleAsync(ScheduleRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var now = clock.GetUtcNow();
        var (connection, target) = await TargetOfAsync(request.ConnectionId, errors, ct);
        var (publishAt, timeError) = PostRules.PublishAt(request.PublishAt, now, options);
        if (timeError is not null)
        {
            errors["publish_at"] = [timeError];
        }

        var text = request.Text?.Trim() ?? "";
        var link = Blank(request.Link);
        var image = Blank(request.ImageUrl);
        if (target is not null)
        {
            var app = catalogue.Find(target.AppId)!.Name;
            foreach (var (field, value) in new[] { (PostFields.Link, link), (PostFields.ImageUrl, image) })
            {
                if (value is not null && (PostRules.UrlError(value) ?? (target.Inputs.ContainsKey(field) ? null : $"{app} posts take no {field.Replace('_', ' ')}.")) is { } error)
                {
                    errors[field] = [error];
                }
            }

            if (text.Length > PostRules.MaxText)
            {
                errors[PostFields.Text] = [$"Expected text of at most {PostRules.MaxText:N0} characters."];
            }

            foreach (var (key, messages) in errors.Count > 0 ? [] : actions.Check(target.AppId, target.ActionId, target.Input(text, link, image)))
            {
                errors[target.FieldOf(key)] = messages;
            }
        }

        if (errors.Count > 0 || connection is null || target is null || publishAt is null)
        {
            return (null, errors);
        }

        var post = new ScheduledPost
        {
            Id = PublicId.NewId(clock),
            WorkspaceId = caller.WorkspaceId,
            ConnectionId = connection.Id,
            AppId = connection.AppId,
            Text = text,
            Link = link,
            ImageUrl = image,
            PublishAt = publishAt.Value,
            CreatedBy = caller.ActorName,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(post);
        var id = PublicId.Format(IdPrefixes.ScheduledPost, post.Id);
        audit.Add("post.scheduled", "scheduled_post", id, new
        {
            connection_id = PublicId.Format(IdPrefixes.AppConnection, connection.Id), app_id = connection.AppId, publish_at = post.PublishAt,
        });
        await db.SaveChangesAsync(ct);
        // The minutely run publishes it too; this one is for the minute itself, and finds nothing to do if it ran already.
        jobs.Schedule<PostPublisher>(p => p.PublishAsync(post.Id, CancellationToken.None), post.PublishAt);
        return ((await ViewsAsync([post], ct))[0], errors);
    }

    /// <summary>Newest first, before <paramref name="before"/> when given; of one status when <paramref name="status"/> is given.</summary>
    public async Task<IReadOnlyList<PostView>> ListAsync(string? status, Guid? before, int take, CancellationToken ct)
    {
        var query = db.Set<ScheduledPost>().AsNoTracking();
        query = status is null ? query : query.Where(p => p.Status == status);
        query = before is { } cursor ? query.Where(p => p.Id < cursor) : query;
        return await ViewsAsync(await query.OrderByDescending(p => p.Id).Take(take).ToListAsync(ct), ct);
    }

    /// <summary>The posts around now, by the time they publish (or did): the latest <paramref name="take"/> of them.</summary>
    public async Task<IReadOnlyList<PostView>> CalendarAsync(int take, CancellationToken ct)
    {
        var posts = await db.Set<ScheduledPost>().AsNoTracking().OrderByDescending(p => p.PublishAt).ThenByDescending(p => p.Id).Take(take).ToListAsync(ct);
        posts.Reverse();
        return await ViewsAsync(posts, ct);
    }

    public async Task<PostView?> FindAsync(string id, CancellationToken ct) =>
        await StoredAsync(id, ct) is { } post ? (await ViewsAsync([post], ct))[0] : null;

    /// <summary>Cancels the post while it is <c>scheduled</c>; <see cref="CancelOutcome.Conflict"/> once its publishing
    /// has begun or ended (the view says how it stands).</summary>
    public async Task<(CancelOutcome Outcome, PostView? View)> CancelAsync(string id, CancellationToken ct)
    {
        if (await StoredAsync(id, ct) is not { } post)
        {
            return (CancelOutcome.NotFound, null);
        }

        var now = clock.GetUtcNow();
        var canceled = await db.Set<ScheduledPost>().Where(p => p.Id == post.Id && p.Status == PostStatus.Scheduled)
            .ExecuteUpdateAsync(p => p.SetProperty(r => r.Status, PostStatus.Canceled).SetProperty(r => r.UpdatedAt, now), ct);
        if (canceled == 1)
        {
            await audit.AppendAsync("post.canceled", "scheduled_post", id, new { app_id = post.AppId, publish_at = post.PublishAt }, ct);
        }

        var current = await db.Set<ScheduledPost>().AsNoTracking().SingleAsync(p => p.Id == post.Id, ct);
        return (canceled == 1 ? CancelOutcome.Canceled : CancelOutcome.Conflict, (await ViewsAsync([current], ct))[0]);
    }

    private async Task<(AppConnection? Connection, PostTarget? Target)> TargetOfAsync(string? connectionId, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var connection = PublicId.TryParse(IdPrefixes.AppConnection, connectionId, out var key)
            ? await db.Set<AppConnection>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == key, ct)
            : null;
        var target = connection is null ? null : PostTargets.Find(connection.AppId);
        var name = connection is null ? null : catalogue.Find(connection.AppId)?.Name ?? connection.AppId;
        var error = string.IsNullOrWhiteSpace(connectionId) ? "connection_id is required: the connection to post as."
            : connection is null ? $"There is no connection '{connectionId}' in this workspace."
            : target is null ? $"{name} connections cannot post; a post goes to {string.Join(", ", AppNames)}."
            : !Usable(connection.Status) ? $"The {name} connection is {connection.Status.Replace('_', ' ')}: connect the account again first."
            : null;
        if (error is not null)
        {
            errors["connection_id"] = [error];
            return (null, null);
        }

        return (connection, target);
    }

    private async Task<ScheduledPost?> StoredAsync(string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.ScheduledPost, id, out var key)
            ? await db.Set<ScheduledPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == key, ct)
            : null;

    private async Task<IReadOnlyList<PostView>> ViewsAsync(IReadOnlyList<ScheduledPost> posts, CancellationToken ct)
    {
        var ids = posts.Select(p => p.ConnectionId).Distinct().ToList();
        var names = await db.Set<AppConnection>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.AccountName, ct);
        return [.. posts.Select(p => new PostView(
            PublicId.Format(IdPrefixes.ScheduledPost, p.Id), PublicId.Format(IdPrefixes.AppConnection, p.ConnectionId), p.AppId,
            names.GetValueOrDefault(p.ConnectionId), p.Text, p.Link, p.ImageUrl, p.PublishAt, p.Status, p.Attempts, p.ProviderPostId, p.Url,
            p.Error, p.PublishedAt, p.CreatedBy, p.CreatedAt, p.UpdatedAt))];
    }

    private static bool Usable(string status) => status is ConnectionStatus.Active or ConnectionStatus.RefreshFailing;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>What canceling did: <c>NotFound</c>, <c>Canceled</c>, or <c>Conflict</c> (no longer scheduled).</summary>
public enum CancelOutcome
{
    NotFound,
    Canceled,
    Conflict,
}
