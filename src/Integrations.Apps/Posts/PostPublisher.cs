using Hangfire;
using Integrations.Apps.Actions;
using Integrations.Apps.Catalogue;
using Integrations.Platform.Ids;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Posts;

/// <summary>
/// Publishes due posts, at most once each: every minute (<see cref="RunDueAsync"/>, which first reconciles posts whose
/// worker was lost) and at each post's time (<see cref="PublishAsync"/>, scheduled when it is), both through the same
/// claim, so whichever comes first publishes and the other finds nothing. The claim is committed before the provider is
/// called; the action runs as any action does (<see cref="AppActions"/>: a fresh token, the audit, the provider's errors).
/// </summary>
internal sealed class PostPublisher(
    PostClaim claim, PostReconciler reconciler, IServiceScopeFactory scopes, AppCatalogue catalogue, IOptions<PostsOptions> options,
    TimeProvider clock, ILogger<PostPublisher> log)
{
    public const string Id = "posts-publisher";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunDueAsync(CancellationToken ct)
    {
        await reconciler.ReconcileAsync(ct);
        List<ScheduledPost> claimed;
        do
        {
            claimed = await claim.DueAsync(null, options.Value.Batch, options.Value.Lease, ct);
            foreach (var post in claimed)
            {
                await PublishClaimedAsync(post, ct);
            }
        }
        while (claimed.Count == options.Value.Batch);
    }

    /// <summary>Publishes the post if it is due and nobody has claimed it.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task PublishAsync(Guid postId, CancellationToken ct)
    {
        foreach (var post in await claim.DueAsync(postId, 1, options.Value.Lease, ct))
        {
            await PublishClaimedAsync(post, ct);
        }
    }

    private async Task PublishClaimedAsync(ScheduledPost post, CancellationToken ct)
    {
        await using var scope = scopes.ActingFor(post);
        var services = scope.ServiceProvider;
        var id = PublicId.Format(IdPrefixes.ScheduledPost, post.Id);
        var outcomes = services.GetRequiredService<PostOutcomes>();
        var app = catalogue.Find(post.AppId)?.Name ?? post.AppId;
        if (PostTargets.Find(post.AppId) is not { } target)
        {
            await outcomes.FailedAsync(post, $"{app} can no longer be posted to.", ct);
            return;
        }

        ActionOutcome outcome;
        try
        {
            outcome = await services.GetRequiredService<AppActions>().RunAsync(
                PublicId.Format(IdPrefixes.AppConnection, post.ConnectionId), target.ActionId, target.Input(post.Text, post.Link, post.ImageUrl), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The provider may have the post: failing it (not retrying) keeps the promise of at most once.
            log.LogError(e, "Publishing post {PostId} stopped unexpectedly", id);
            await outcomes.FailedAsync(post, $"Publishing stopped unexpectedly (the error was logged); check {app} before scheduling it again.", ct);
            return;
        }

        var ended = outcome switch
        {
            { Result: { } result } => await outcomes.PublishedAsync(post, (string?)result[target.IdField], (string?)result[target.UrlField], ct),
            { RetryAfter: { } after } when post.Attempts < options.Value.MaxAttempts =>
                await outcomes.RescheduleAsync(post, clock.GetUtcNow() + after, $"{outcome.ProviderError}; trying again after {after.TotalSeconds:N0} s (attempt {post.Attempts} of {options.Value.MaxAttempts}).", ct),
            _ => await outcomes.FailedAsync(post, Error(outcome), ct),
        };
        if (!ended)
        {
            log.LogWarning("Post {PostId} was no longer held by its attempt {Attempt} when it ended", id, post.Attempts);
        }
    }

    private static string Error(ActionOutcome outcome) =>
        outcome.ProviderError ?? outcome.Unusable ?? outcome.Missing
        ?? (outcome.Errors is { } errors ? string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) : "The provider did not publish it.");
}
