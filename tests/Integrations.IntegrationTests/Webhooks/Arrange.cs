using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Signing;
using Integrations.Testing;
using Integrations.Webhooks.Dispatch;
using Integrations.Webhooks.Log;
using Integrations.Webhooks.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>Arranges webhook data the way the app stores it: subscriptions with protected secrets, events through the event log.</summary>
internal static class Arrange
{
    public static async Task<WebhookSubscription> SubscriptionAsync(SentinelApp app, Guid workspaceId, Uri url, string[] events,
        string secret, RetryPolicy policy = RetryPolicy.Standard, string? previousSecret = null, WebhookThrottle? throttle = null)
    {
        await using var scope = app.Scope();
        var protector = scope.ServiceProvider.GetRequiredService<WebhookSecrets>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(),
            WorkspaceId = workspaceId,
            Name = "test endpoint",
            Url = url.ToString(),
            Events = events,
            Status = SubscriptionStatus.Active,
            RetryPolicy = policy,
            SecretCiphertext = protector.Protect(secret),
            PreviousSecretCiphertext = previousSecret is null ? null : protector.Protect(previousSecret),
            PreviousSecretExpiresAt = previousSecret is null ? null : now.AddHours(24),
            MaxPerSecond = throttle?.MaxPerSecond,
            MaxInFlight = throttle?.MaxInFlight,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        db.Add(subscription);
        await db.SaveChangesAsync();
        return subscription;
    }

    public static async Task<Guid> WorkspaceAsync(SentinelApp app)
    {
        await using var scope = app.Scope();
        return (await scope.ServiceProvider.ActInNewWorkspaceAsync()).Id;
    }

    public static string Secret() => StandardWebhooks.NewSecret();

    public static async Task<IReadOnlyList<AppendedEvent>> PublishAsync(SentinelApp app, Guid workspaceId, string type, int count = 1)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspaceId);
        var records = Enumerable.Range(0, count).Select(i => new EventRecord(EventCatalog.Find(type)!, $$"""{"n":{{i}}}""")).ToList();
        return await scope.ServiceProvider.GetRequiredService<EventLog>().AppendAsync(records, CancellationToken.None);
    }

    public static async Task<List<WebhookDelivery>> DeliveriesAsync(SentinelApp app, Guid subscriptionId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<WebhookDelivery>()
            .IgnoreQueryFilters().AsNoTracking().Where(d => d.SubscriptionId == subscriptionId).OrderBy(d => d.Id).ToListAsync();
    }

    public static async Task<WebhookSubscription> ReloadAsync(SentinelApp app, Guid subscriptionId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<WebhookSubscription>()
            .IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == subscriptionId);
    }

    public static async Task<List<DeliveryAttempt>> AttemptsAsync(SentinelApp app, Guid deliveryId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<DeliveryAttempt>()
            .IgnoreQueryFilters().AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.AttemptedAt).ToListAsync();
    }

    /// <summary>Polls the subscription's deliveries until <paramref name="done"/> holds (results are written back in batches).</summary>
    public static Task<List<WebhookDelivery>> UntilAsync(SentinelApp app, Guid subscriptionId, Func<List<WebhookDelivery>, bool> done) =>
        Poll.UntilAsync(() => DeliveriesAsync(app, subscriptionId), done, TimeSpan.FromSeconds(10),
            _ => "The deliveries never reached the state the test waited for.");

    public static DeliveryDispatcher Dispatcher(this SentinelApp app) => app.Services.GetRequiredService<DeliveryDispatcher>();
}
