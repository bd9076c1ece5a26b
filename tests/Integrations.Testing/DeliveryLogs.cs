using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Identity;
using Integrations.Platform.Ids;
using Integrations.Webhooks.FanOut;
using Integrations.Webhooks.Log;
using Integrations.Webhooks.Subscriptions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Testing;

/// <summary>One POST to arrange: when, what came back, or what went wrong.</summary>
public sealed record AttemptSeed(DateTimeOffset At, int? StatusCode, string? Snippet = null, string? Error = null);

/// <summary>
/// Arranges webhooks and delivery logs the way the dispatcher leaves them, without a dispatcher: the admin pages
/// read what is in the tables, so the tests write the tables.
/// </summary>
public static class DeliveryLogs
{
    /// <summary>A webhook for <c>invoice.paid</c> in the seeded admin's workspace; its <c>whk_…</c> id.</summary>
    public static async Task<string> SubscribeInAdminWorkspaceAsync(this SentinelApp app, string name)
    {
        await using var scope = app.Scope();
        // The admin's own record, not "the first workspace": under a ManualClock, workspaces made in the same
        // millisecond have UUIDv7 ids in random order.
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>().FindByEmailAsync(SentinelApp.AdminEmail);
        scope.ServiceProvider.GetRequiredService<Caller>().Act(admin!.WorkspaceId, ActorType.User, "test-user", "Test User", ChangeSource.Ui);
        return await SubscribeAsync(scope.ServiceProvider, name);
    }

    /// <summary>A webhook in a new workspace of its own, which the admin cannot see.</summary>
    public static async Task<string> SubscribeInNewWorkspaceAsync(this SentinelApp app, string name)
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        return await SubscribeAsync(scope.ServiceProvider, name);
    }

    /// <summary>A delivery of an <c>invoice.paid</c> event with these attempts, the last of which it reports; its <c>dlv_…</c> id.</summary>
    public static async Task<string> AddDeliveryAsync(this SentinelApp app, string webhookId, DeliveryStatus status,
        DateTimeOffset createdAt, params AttemptSeed[] attempts)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        PublicId.TryParse(IdPrefixes.Webhook, webhookId, out var subscriptionId);
        var workspaceId = await db.Set<WebhookSubscription>().IgnoreQueryFilters()
            .Where(s => s.Id == subscriptionId).Select(s => s.WorkspaceId).SingleAsync();
        var eventGuid = Guid.CreateVersion7(createdAt);
        var eventId = PublicId.Format(IdPrefixes.Event, eventGuid);
        var last = attempts.LastOrDefault();
        var delivery = new WebhookDelivery
        {
            // Version 7 from the creation time, so the log's id order is creation order, as in the app.
            Id = Guid.CreateVersion7(createdAt),
            WorkspaceId = workspaceId,
            SubscriptionId = subscriptionId,
            EventId = eventGuid,
            EventType = "invoice.paid",
            Body = Envelope.Build(eventId, "invoice.paid", createdAt, """{"invoice_id":"inv_42","amount":1250}"""),
            Status = status,
            Attempts = attempts.Length,
            NextAttemptAt = status == DeliveryStatus.Pending ? createdAt.AddHours(1) : null,
            LastStatusCode = last?.StatusCode,
            LastError = last?.Error,
            CreatedAt = createdAt,
            DeliveredAt = status == DeliveryStatus.Delivered ? last?.At : null,
        };
        db.Add(delivery);
        db.AddRange(attempts.Select(a => new DeliveryAttempt
        {
            Id = Guid.CreateVersion7(a.At),
            WorkspaceId = workspaceId,
            DeliveryId = delivery.Id,
            SubscriptionId = subscriptionId,
            AttemptedAt = a.At,
            DurationMs = 120,
            StatusCode = a.StatusCode,
            ResponseSnippet = a.Snippet,
            Error = a.Error,
            RequestHeaders = $$"""{"content-type":"application/json","webhook-id":"{{eventId}}","webhook-signature":"v1,c2lnbmF0dXJl"}""",
        }));
        await db.SaveChangesAsync();
        return PublicId.Format(IdPrefixes.Delivery, delivery.Id);
    }

    private static async Task<string> SubscribeAsync(IServiceProvider scope, string name) =>
        (await scope.GetRequiredService<WebhookDirectory>().CreateAsync(
            new NewWebhook("https://93.184.215.14/hooks/sentinel", ["invoice.paid"], Name: name), CancellationToken.None)).WebhookId;
}
