using System.Security.Claims;
using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Integrations.Platform.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Webhooks.Subscriptions;

internal static class SubscriptionsApi
{
    private const string What = "webhook";

    public static void MapSubscriptionsApi(this IEndpointRouteBuilder api)
    {
        var read = api.MapGroup("/webhooks").RequireScope(WebhookScopes.Read).WithTags("Webhooks");
        var write = api.MapGroup("/webhooks").RequireScope(WebhookScopes.Write).WithTags("Webhooks");
        read.MapGet("/", List).WithSummary("The workspace's webhooks, newest first; never their secrets.");
        read.MapGet("/{id}", Get).WithSummary("One webhook; never its secret.");
        write.MapPost("/subscribe", Subscribe)
            .WithSummary("Subscribes a URL to event types (record events also need the object's read scope); a generated secret is shown only in this answer.");
        write.MapPatch("/{id}", Update).WithSummary("Changes name, url, events, retry_policy or status (active, disabled).");
        write.MapDelete("/{id}", Delete).WithSummary("Deletes a webhook and its delivery log.");
        write.MapPost("/{id}/resume", Resume).WithSummary("Activates a paused or disabled webhook and sends what is pending now.");
        write.MapPost("/{id}/rotate-secret", RotateSecret).WithSummary("A new secret, shown once; the old one also signs for 24 hours.");
        write.MapPost("/test", Test).WithSummary("Queues the catalog example of an event type for one webhook only.");
    }

    private static async Task<Results<Ok<Page<WebhookView>>, ValidationProblem>> List(
        WebhookDirectory directory, string? cursor, string? limit, CancellationToken ct)
    {
        if (PageRequest.TryRead(limit, cursor, IdPrefixes.Webhook, out var request) is { } invalid)
        {
            return invalid;
        }

        var webhooks = await directory.ListAsync(cursor, request.Limit + 1, ct);
        return TypedResults.Ok(request.ToPage(webhooks, item => item.WebhookId));
    }

    private static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> Get(WebhookDirectory directory, string id, CancellationToken ct) =>
        await directory.FindAsync(id, ct) is { } webhook ? TypedResults.Ok(webhook) : ApiProblems.NotFound(What, id);

    private static async Task<Results<Created<WebhookView>, ValidationProblem, ProblemHttpResult>> Subscribe(
        WebhookDirectory directory, EventAccess access, ClaimsPrincipal user, NewWebhook request, CancellationToken ct)
    {
        var errors = await directory.ValidateAsync(request, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (access.MissingScope(user, request.Events!) is { } missing)
        {
            return ApiProblems.MissingScope(missing);
        }

        var webhook = await directory.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/webhooks/{webhook.WebhookId}", webhook);
    }

    private static async Task<Results<Ok<WebhookView>, ValidationProblem, ProblemHttpResult>> Update(
        WebhookDirectory directory, EventAccess access, ClaimsPrincipal user, string id, WebhookChanges changes, CancellationToken ct)
    {
        var errors = await directory.ValidateAsync(changes, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await directory.FindAsync(id, ct) is not { } current)
        {
            return ApiProblems.NotFound(What, id);
        }

        // New events, or a new URL for the old ones, send those events somewhere this key chose.
        if ((changes.Events is not null || changes.Url is not null)
            && access.MissingScope(user, changes.Events ?? current.Events) is { } missing)
        {
            return ApiProblems.MissingScope(missing);
        }

        return await directory.UpdateAsync(id, changes, ct) is { } webhook ? TypedResults.Ok(webhook) : ApiProblems.NotFound(What, id);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(WebhookDirectory directory, string id, CancellationToken ct) =>
        await directory.DeleteAsync(id, ct) is not null ? TypedResults.NoContent() : ApiProblems.NotFound(What, id);

    private static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> Resume(WebhookDirectory directory, string id, CancellationToken ct) =>
        await directory.ResumeAsync(id, ct) is { } webhook ? TypedResults.Ok(webhook) : ApiProblems.NotFound(What, id);

    private static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> RotateSecret(
        WebhookDirectory directory, string id, CancellationToken ct) =>
        await directory.RotateSecretAsync(id, ct) is { } webhook ? TypedResults.Ok(webhook) : ApiProblems.NotFound(What, id);

    private static async Task<Results<Accepted<QueuedTest>, ValidationProblem, ProblemHttpResult>> Test(
        WebhookDirectory directory, TestRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.WebhookId))
        {
            return ApiProblems.Invalid("webhook_id", "Give the id of the webhook to test.");
        }

        if (EventCatalog.Find(request.Event ?? "") is not { } type)
        {
            return ApiProblems.Invalid("event", $"'{request.Event}' is not an event type; GET /api/v1/events/catalog lists them.");
        }

        return await directory.SendTestAsync(request.WebhookId, type, ct) is { } queued
            ? TypedResults.Accepted($"/api/v1/webhooks/{queued.WebhookId}", queued)
            : ApiProblems.NotFound(What, request.WebhookId);
    }

    internal sealed record TestRequest(string? WebhookId, string? Event);
}
