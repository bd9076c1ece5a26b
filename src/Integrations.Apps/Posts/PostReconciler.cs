using Integrations.Apps.Calls;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;
using Integrations.Apps.Tokens;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Posts;

/// <summary>
/// Posts left <c>publishing</c> past their lease (the worker crashed or was stopped mid-call) are never sent again
/// blindly: the app's <see cref="IPostLookup"/> says whether the provider has the post (then it is published) or not (then
/// it is tried again, within its attempts); an app that cannot look (LinkedIn) fails it and asks the admin to check.
/// </summary>
internal sealed class PostReconciler(
    PostClaim claim, IServiceScopeFactory scopes, AppCatalogue catalogue, IEnumerable<IPostLookup> lookups, IOptions<PostsOptions> options,
    TimeProvider clock, ILogger<PostReconciler> log)
{
    public async Task ReconcileAsync(CancellationToken ct)
    {
        foreach (var post in await claim.InterruptedAsync(options.Value.Batch, options.Value.Lease, ct))
        {
            await using var scope = scopes.ActingFor(post);
            var services = scope.ServiceProvider;
            var id = PublicId.Format(IdPrefixes.ScheduledPost, post.Id);
            var outcomes = services.GetRequiredService<PostOutcomes>();
            var app = catalogue.Find(post.AppId)?.Name ?? post.AppId;
            var lookup = lookups.FirstOrDefault(l => l.AppId == post.AppId);
            var connection = await services.GetRequiredService<IntegrationsDbContext>().Set<AppConnection>().AsNoTracking()
                .FirstOrDefaultAsync(c => c.Id == post.ConnectionId, ct);
            if (lookup is null || connection is null)
            {
                log.LogWarning("Post {PostId} was interrupted while publishing and {App} cannot be asked whether it has it", id, app);
                await outcomes.FailedAsync(post, $"Publishing was interrupted; check {app} before scheduling it again.", ct);
                continue;
            }

            FoundPost? found;
            try
            {
                found = await lookup.FindAsync(connection, post.Text, post.PublishAt - TimeSpan.FromMinutes(1), ct);
            }
            catch (Exception e) when (e is ProviderException or ConnectionUnusableException)
            {
                // Still unknown: the lease runs out again and the next run asks again.
                log.LogWarning("Could not ask {App} whether it has post {PostId}: {Error}", app, id, e.Message);
                continue;
            }

            if (found is not null)
            {
                await outcomes.PublishedAsync(post, found.PostId, found.Url, ct);
            }
            else if (post.Attempts < options.Value.MaxAttempts)
            {
                await outcomes.RescheduleAsync(post, clock.GetUtcNow(), $"Publishing was interrupted and {app} does not have the post; it is tried again.", ct);
            }
            else
            {
                await outcomes.FailedAsync(post, $"Publishing was interrupted and {app} does not have the post; no attempts are left.", ct);
            }
        }
    }
}
