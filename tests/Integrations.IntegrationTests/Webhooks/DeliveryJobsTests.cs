using Integrations.Platform.Data;
using Integrations.Testing;
using Integrations.Webhooks.Jobs;
using Integrations.Webhooks.Log;
using Integrations.Webhooks.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>The Hangfire maintenance jobs, run directly (tests run no Hangfire server), with the dispatcher off.</summary>
public sealed class DeliveryJobsTests(DeliveryJobsTests.App app) : IClassFixture<DeliveryJobsTests.App>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class App : ClockedSentinelApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Sentinel:Webhooks:Dispatcher"] = "false",
        };
    }

    [Fact]
    public async Task AutoPauseSweep_PausesOnlyEndpointsFailingFor48Hours()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var now = app.Clock.GetUtcNow();
        var dead = await FailingSinceAsync(workspace, now.AddHours(-49));
        var wobbly = await FailingSinceAsync(workspace, now.AddHours(-47));

        await RunAsync<AutoPauseSweepJob>(j => j.RunAsync(Ct));

        Assert.Equal(SubscriptionStatus.Paused, (await Arrange.ReloadAsync(app, dead)).Status);
        Assert.Equal(SubscriptionStatus.Active, (await Arrange.ReloadAsync(app, wobbly)).Status);
    }

    [Fact]
    public async Task LeaseReclaim_ClearsOnlyExpiredLeases()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var subscription = await Arrange.SubscriptionAsync(app, workspace, new Uri("https://receiver.example/x"), ["invoice.paid"], Arrange.Secret());
        await Arrange.PublishAsync(app, workspace, "invoice.paid", 2);
        var ids = (await Arrange.DeliveriesAsync(app, subscription.Id)).Select(d => d.Id).ToArray();
        var now = app.Clock.GetUtcNow();
        await UpdateAsync(ids[0], now.AddSeconds(-1));
        await UpdateAsync(ids[1], now.AddSeconds(30));

        await RunAsync<LeaseReclaimJob>(j => j.RunAsync(Ct));

        var leases = (await Arrange.DeliveriesAsync(app, subscription.Id)).Select(d => d.LeaseUntil).ToArray();
        Assert.Null(leases[0]);
        Assert.Equal(now.AddSeconds(30), leases[1]);
    }

    private async Task<Guid> FailingSinceAsync(Guid workspace, DateTimeOffset since)
    {
        var subscription = await Arrange.SubscriptionAsync(app, workspace, new Uri("https://receiver.example/x"), ["invoice.paid"], Arrange.Secret());
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<WebhookSubscription>().IgnoreQueryFilters()
            .Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.FailingSince, since), Ct);
        return subscription.Id;
    }

    private async Task UpdateAsync(Guid deliveryId, DateTimeOffset leaseUntil)
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<WebhookDelivery>().IgnoreQueryFilters()
            .Where(d => d.Id == deliveryId).ExecuteUpdateAsync(u => u.SetProperty(d => d.LeaseUntil, leaseUntil), Ct);
    }

    private async Task RunAsync<TJob>(Func<TJob, Task> run)
        where TJob : notnull
    {
        await using var scope = app.Scope();
        await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }
}
