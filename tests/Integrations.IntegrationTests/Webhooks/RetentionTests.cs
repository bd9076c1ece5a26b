using Integrations.Platform.Data;
using Integrations.Platform.Data.Partitions;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Webhooks.Log;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>The app with its clock in hand and nothing sending, so the test decides every delivery's state.</summary>
public sealed class RetentionApp : ClockedSentinelApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sentinel:Webhooks:Dispatcher"] = "false",
        ["Sentinel:Automation:Executor"] = "false",
    };
}

/// <summary>
/// The delivery log's and the events' weekly partitions: past 30 days a week keeps only its failed and pending deliveries,
/// past 90 it is dropped whole, attempts and events go after 30 days; younger weeks keep every row.
/// </summary>
public sealed class RetentionTests(RetentionApp app) : IClassFixture<RetentionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Maintain_DropsWeeksPastTheirRetention_KeepsFailedDeliveriesLonger_AndNothingYounger()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var subscription = await Arrange.SubscriptionAsync(app, workspace, new Uri("https://receiver.example/x"), ["invoice.paid"], Arrange.Secret());
        // Weeks of the test's own, after the partition that holds everything from before the migration.
        app.Clock.Advance(TimeSpan.FromDays(21));
        await MaintainAsync();
        var old = await WeekOfDeliveriesAsync(subscription.Id);
        var oldWeek = TimeBounds.PartitionName("webhook_deliveries", TimeBounds.WeekOf(app.Clock.GetUtcNow()));
        app.Clock.Advance(TimeSpan.FromDays(14));
        await MaintainAsync();
        var young = await WeekOfDeliveriesAsync(subscription.Id);
        var youngWeek = TimeBounds.PartitionName("webhook_deliveries", TimeBounds.WeekOf(app.Clock.GetUtcNow()));

        // 38 days after the old week: it is past 30 days, the young one is not.
        app.Clock.Advance(TimeSpan.FromDays(24));
        var dropped = await MaintainAsync();

        Assert.DoesNotContain(youngWeek, dropped);
        Assert.Contains(oldWeek.Replace("webhook_deliveries", "webhook_delivery_attempts", StringComparison.Ordinal), dropped);
        var left = await DeliveryIdsAsync();
        Assert.DoesNotContain(old.Delivered, left);
        Assert.Contains(old.Failed, left);
        Assert.Contains(old.Pending, left);
        Assert.Superset(new HashSet<Guid>([young.Delivered, young.Failed, young.Pending]), left.ToHashSet());
        Assert.Equal([young.Attempt], await AttemptIdsAsync([old.Attempt, young.Attempt]));
        Assert.Contains(await PartitionsAsync("webhook_deliveries"), p => p == oldWeek);
        var events = await EventIdsAsync();
        Assert.DoesNotContain(old.Event, events);
        Assert.Contains(young.Event, events);

        // 98 days after the old week: gone whole; the young week keeps its failed and pending deliveries only.
        app.Clock.Advance(TimeSpan.FromDays(60));
        dropped = await MaintainAsync();

        Assert.Contains(oldWeek, dropped);
        left = await DeliveryIdsAsync();
        Assert.DoesNotContain(old.Failed, left);
        Assert.DoesNotContain(old.Pending, left);
        Assert.DoesNotContain(young.Delivered, left);
        Assert.Contains(young.Failed, left);
        Assert.Contains(young.Pending, left);
        Assert.DoesNotContain(await PartitionsAsync("webhook_deliveries"), p => p == oldWeek);
    }

    /// <summary>
    /// Three deliveries made now (delivered, failed, pending), an attempt of the delivered one, and their event. Written
    /// with ids of the test's clock: the app's own ids never go back in time within a process, and other test classes
    /// in this process move their clocks months ahead.
    /// </summary>
    private async Task<(Guid Delivered, Guid Failed, Guid Pending, Guid Attempt, Guid Event)> WeekOfDeliveriesAsync(Guid subscriptionId)
    {
        var at = app.Clock.GetUtcNow();
        var workspace = (await Arrange.ReloadAsync(app, subscriptionId)).WorkspaceId;
        var e = new StoredEvent { Id = Guid.CreateVersion7(at), WorkspaceId = workspace, Type = "invoice.paid", OccurredAt = at, Data = "{}" };
        WebhookDelivery Delivery(DeliveryStatus status) => new()
        {
            Id = Guid.CreateVersion7(at), WorkspaceId = workspace, SubscriptionId = subscriptionId, EventId = e.Id,
            EventType = e.Type, Body = "{}", Status = status, CreatedAt = at,
        };
        var made = new[] { Delivery(DeliveryStatus.Delivered), Delivery(DeliveryStatus.Failed), Delivery(DeliveryStatus.Pending) };
        var attempt = new DeliveryAttempt
        {
            Id = Guid.CreateVersion7(at), WorkspaceId = workspace, DeliveryId = made[0].Id, SubscriptionId = subscriptionId,
            AttemptedAt = at, StatusCode = 200, RequestHeaders = "{}",
        };
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        db.Add(e);
        db.AddRange(made);
        db.Add(attempt);
        await db.SaveChangesAsync(Ct);
        return (made[0].Id, made[1].Id, made[2].Id, attempt.Id, e.Id);
    }

    private async Task<IReadOnlyList<string>> MaintainAsync()
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<TimePartitions>().MaintainAsync(Ct);
    }

    private async Task<List<Guid>> DeliveryIdsAsync()
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<WebhookDelivery>().IgnoreQueryFilters()
            .Select(d => d.Id).ToListAsync(Ct);
    }

    private async Task<List<Guid>> EventIdsAsync()
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
            .Select(e => e.Id).ToListAsync(Ct);
    }

    private async Task<List<Guid>> AttemptIdsAsync(Guid[] ids)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<DeliveryAttempt>().IgnoreQueryFilters()
            .Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(Ct);
    }

    private async Task<List<string>> PartitionsAsync(string table)
    {
        await using var scope = app.Scope();
        return [.. (await scope.ServiceProvider.GetRequiredService<TimePartitions>().ListAsync(table, Ct)).Select(p => p.Name)];
    }
}
