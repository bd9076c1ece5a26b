using System.Globalization;
using System.Security.Claims;
using Hangfire;
using Integrations.Platform.Api;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Webhooks.Jobs;
using Integrations.Platform.Events;
using Integrations.Webhooks.Subscriptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Webhooks.Log;

/// <summary>The delivery log and its two levers: retry one delivery now, replay an endpoint's events since a time.</summary>
internal static class DeliveriesApi
{
    public static void MapDeliveriesApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/webhooks/{id}/deliveries", List).RequireScope(WebhookScopes.Read).WithTags("Webhooks")
            .WithSummary("An endpoint's deliveries, newest first, with cursor pagination.");
        api.MapGet("/deliveries/{id}", Get).RequireScope(WebhookScopes.Read).WithTags("Webhooks")
            .WithSummary("A delivery with every attempt: time, duration, status, response excerpt, request headers.");
        api.MapPost("/deliveries/{id}/retry", Retry).RequireScope(WebhookScopes.Write).WithTags("Webhooks")
            .WithSummary("Makes a delivery due now (attempts are kept).");
        api.MapPost("/webhooks/{id}/replay", Replay).RequireScope(WebhookScopes.Write).WithTags("Webhooks")
            .WithSummary("Re-sends every event the endpoint was sent since a time, with the same webhook-id, in the background.");
    }

    private static async Task<Results<Ok<Page<DeliveryResponse>>, ProblemHttpResult, ValidationProblem>> List(
        IntegrationsDbContext db, string id, string? cursor, string? limit, CancellationToken ct)
    {
        if (PageRequest.TryRead(limit, cursor, IdPrefixes.Delivery, out var request) is { } invalid)
        {
            return invalid;
        }

        if (await FindSubscriptionAsync(db, id, ct) is not { } subscriptionId)
        {
            return ApiProblems.NotFound("webhook", id);
        }

        var query = db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.SubscriptionId == subscriptionId);
        if (request.Cursor is { } before)
        {
            query = query.Where(d => d.Id < before);
        }

        var rows = await query.OrderByDescending(d => d.Id).Take(request.Limit + 1).ToListAsync(ct);
        return TypedResults.Ok(request.ToPage(rows.Select(DeliveryResponse.From).ToList(), d => d.Id));
    }

    private static async Task<Results<Ok<DeliveryDetailResponse>, ProblemHttpResult>> Get(
        IntegrationsDbContext db, string id, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Delivery, id, out var deliveryId)
            || await db.Set<WebhookDelivery>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId, ct) is not { } delivery)
        {
            return ApiProblems.NotFound("delivery", id);
        }

        var attempts = await db.Set<DeliveryAttempt>().AsNoTracking().Where(a => a.DeliveryId == deliveryId)
            .OrderBy(a => a.AttemptedAt).ToListAsync(ct);
        return TypedResults.Ok(new DeliveryDetailResponse(DeliveryResponse.From(delivery), attempts.Select(AttemptResponse.From).ToList()));
    }

    /// <summary>Same rule as the page's "Retry now" (<see cref="DeliveryLog.RetryNowAsync"/>): due now, audited.</summary>
    private static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> Retry(
        DeliveryLog log, IntegrationsDbContext db, string id, CancellationToken ct)
    {
        var retried = await log.RetryNowAsync(id, ct);
        if (!PublicId.TryParse(IdPrefixes.Delivery, id, out var deliveryId)
            || await db.Set<WebhookDelivery>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId, ct) is not { } delivery)
        {
            return ApiProblems.NotFound("delivery", id);
        }

        return retried
            ? TypedResults.Ok(DeliveryResponse.From(delivery))
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already delivered",
                detail: "This delivery was already delivered; replay the webhook to send its events again.");
    }

    private static async Task<Results<Accepted<ReplayResponse>, ProblemHttpResult, ValidationProblem>> Replay(
        HttpContext http, IntegrationsDbContext db, IBackgroundJobClient jobs, TimeProvider clock, EventAccess access, ReplayLimiter limiter, Caller caller,
        ClaimsPrincipal user, string id, DateTimeOffset? since, CancellationToken ct)
    {
        if (since is not { } from)
        {
            return ApiProblems.Invalid("since", "since is required: an ISO 8601 time, e.g. 2026-05-15T10:00:00Z.");
        }

        if (from > clock.GetUtcNow())
        {
            return ApiProblems.Invalid("since", "since must not be in the future.");
        }

        if (await FindSubscriptionAsync(db, id, ct) is not { } subscriptionId)
        {
            return ApiProblems.NotFound("webhook", id);
        }

        from = from.ToUniversalTime();
        var replayed = db.Set<WebhookDelivery>().Where(d => d.SubscriptionId == subscriptionId && d.CreatedAt >= from);
        if (access.MissingScope(user, await replayed.Select(d => d.EventType).Distinct().ToListAsync(ct)) is { } missing)
        {
            return ApiProblems.MissingScope(missing);
        }

        var now = clock.GetUtcNow();
        if (await ReplayClaims.RunningAsync(db, subscriptionId, now, ct) is { } running)
        {
            return ReplayRunning(running);
        }

        if (limiter.Wait(caller.WorkspaceId) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many replays",
                detail: $"This workspace may start {limiter.PerHour} replays an hour; try again in {Math.Ceiling(wait.TotalMinutes):0} minutes.");
        }

        if (!await ReplayClaims.TryClaimAsync(db, subscriptionId, now, ct))
        {
            return ReplayRunning(await ReplayClaims.RunningAsync(db, subscriptionId, now, ct) ?? new RunningReplay(null, now));
        }

        var events = await replayed.Select(d => d.EventId).Distinct().CountAsync(ct);
        string jobId;
        try
        {
            jobId = jobs.Enqueue<ReplayJob>(job => job.RunAsync(subscriptionId, from, CancellationToken.None));
        }
        catch
        {
            await ReplayClaims.ReleaseAsync(db, subscriptionId, now);
            throw;
        }

        await ReplayClaims.SetJobAsync(db, subscriptionId, now, jobId, ct);
        return TypedResults.Accepted((string?)null, new ReplayResponse(id, from, events, jobId));
    }

    private static ProblemHttpResult ReplayRunning(RunningReplay running) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: "A replay is running",
        detail: $"A replay of this webhook started {running.StartedAt:yyyy-MM-ddTHH:mm:ssZ} "
            + (running.JobId is null ? "is still sending its events" : $"(job {running.JobId}) has not queued its events yet")
            + "; start the next when it has finished.",
        extensions: new Dictionary<string, object?> { ["replay_job_id"] = running.JobId, ["replay_started_at"] = running.StartedAt });

    private static async Task<Guid?> FindSubscriptionAsync(IntegrationsDbContext db, string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Webhook, id, out var subscriptionId)
        && await db.Set<WebhookSubscription>().AnyAsync(s => s.Id == subscriptionId, ct)
            ? subscriptionId
            : null;
}
