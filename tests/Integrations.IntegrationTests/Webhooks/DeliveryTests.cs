using System.Diagnostics;
using System.Text.Json;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Webhooks.Log;
using Integrations.Webhooks.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>The dispatcher against a real receiver on loopback; retry times follow the manual clock.</summary>
public sealed class DeliveryTests(DeliveryApp app) : IClassFixture<DeliveryApp>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private WebhookReceiver receiver = null!;

    public async ValueTask InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Dispatcher_DeliversSignedRecordChange_WhenEndpointSubscribed()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var secret = Arrange.Secret();
        var subscription = await Arrange.SubscriptionAsync(app, workspace, receiver.Add("crm", [secret]), ["contact.created"], secret);
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<Integrations.Platform.Callers.Caller>().ActAsSystem(workspace);
            var pipeline = scope.ServiceProvider.GetRequiredService<Integrations.Crm.Pipeline.RecordPipeline>();
            await pipeline.CreateAsync(Integrations.Crm.Schema.RecordTypes.Contact,
                new System.Text.Json.Nodes.JsonObject { ["first_name"] = "Ada", ["email"] = "ada@example.com" }, CancellationToken.None);
        }

        var request = (await receiver.WaitForAsync("crm", r => r.Count == 1)).Single();

        Assert.True(request.SentinelSignatureValid);
        Assert.True(request.StandardSignatureValid);
        var envelope = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("contact.created", envelope.GetProperty("event").GetString());
        Assert.Equal(envelope.GetProperty("id").GetString(), request.WebhookId);
        Assert.StartsWith("evt_", request.WebhookId, StringComparison.Ordinal);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal("Sentinel-Webhooks/1.0", request.Headers["User-Agent"]);
        Assert.Equal(request.Headers["webhook-timestamp"], request.Headers["X-Sentinel-Timestamp"]);
        var delivered = (await Arrange.UntilAsync(app, subscription.Id, d => d.Single().Status == DeliveryStatus.Delivered)).Single();
        Assert.Equal(1, delivered.Attempts);
        Assert.Equal(200, delivered.LastStatusCode);
        var attempt = (await Arrange.AttemptsAsync(app, delivered.Id)).Single();
        Assert.Equal(200, attempt.StatusCode);
        Assert.Equal("answer 200 to call 1", attempt.ResponseSnippet);
        Assert.Contains(request.Headers["webhook-signature"], attempt.RequestHeaders, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[6..], attempt.RequestHeaders, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatcher_SignsWithBothSecrets_WhenRotating()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var (current, previous) = (Arrange.Secret(), Arrange.Secret());
        await Arrange.SubscriptionAsync(app, workspace, receiver.Add("rotating", [current, previous]), ["invoice.paid"], current,
            previousSecret: previous);

        await Arrange.PublishAsync(app, workspace, "invoice.paid");

        var request = (await receiver.WaitForAsync("rotating", r => r.Count == 1)).Single();
        Assert.True(request.StandardSignatureValid);
        Assert.True(request.SentinelSignatureValid);
        Assert.Matches(@"^v1,\S+ v1,\S+$", request.Headers["webhook-signature"]);
    }

    [Fact]
    public async Task Dispatcher_FollowsRetrySchedule_WhenEndpointFails()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var secret = Arrange.Secret();
        var subscription = await Arrange.SubscriptionAsync(app, workspace,
            receiver.Add("flaky", [secret], call => new ReceiverAnswer(call < 4 ? 500 : 200)), ["invoice.paid"], secret);

        await Arrange.PublishAsync(app, workspace, "invoice.paid");

        // Attempt n fails, then the next is scheduled the n-th step (±20%) later: 5 s, 30 s, 5 min.
        TimeSpan[] steps = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5)];
        for (var failed = 1; failed <= 3; failed++)
        {
            var delivery = (await Arrange.UntilAsync(app, subscription.Id, d => d.Single().Attempts == failed)).Single();
            var attemptedAt = (await Arrange.AttemptsAsync(app, delivery.Id))[^1].AttemptedAt;
            var wait = delivery.NextAttemptAt!.Value - attemptedAt;
            Assert.InRange(wait, steps[failed - 1] * 0.8, steps[failed - 1] * 1.2);
            Assert.Equal(500, delivery.LastStatusCode);
            Assert.NotNull((await Arrange.ReloadAsync(app, subscription.Id)).FailingSince);

            app.Clock.Advance(wait * 0.9);
            app.Dispatcher().Wake();
            await Task.Delay(200, Ct);
            Assert.Equal(failed, receiver.For("flaky").Count);

            app.Clock.Advance(wait * 0.1);
            app.Dispatcher().Wake();
            await receiver.WaitForAsync("flaky", r => r.Count == failed + 1);
        }

        var done = (await Arrange.UntilAsync(app, subscription.Id, d => d.Single().Status == DeliveryStatus.Delivered)).Single();
        Assert.Equal(4, done.Attempts);
        Assert.Single(receiver.For("flaky").Select(r => r.WebhookId).Distinct());
        Assert.Null((await Arrange.ReloadAsync(app, subscription.Id)).FailingSince);
    }

    [Fact]
    public async Task Dispatcher_FailsDeliveryAfterFiveAttempts_WhenPolicyIsFiveExponential()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var secret = Arrange.Secret();
        var subscription = await Arrange.SubscriptionAsync(app, workspace,
            receiver.Add("five", [secret], _ => new ReceiverAnswer(500)), ["invoice.paid"], secret, RetryPolicy.FiveExponential);

        await Arrange.PublishAsync(app, workspace, "invoice.paid");

        for (var failed = 1; failed < 5; failed++)
        {
            var delivery = (await Arrange.UntilAsync(app, subscription.Id, d => d.Single().Attempts == failed)).Single();
            app.Clock.Advance(delivery.NextAttemptAt!.Value - app.Clock.GetUtcNow());
            app.Dispatcher().Wake();
        }

        var failedDelivery = (await Arrange.UntilAsync(app, subscription.Id, d => d.Single().Status == DeliveryStatus.Failed)).Single();
        Assert.Equal(5, failedDelivery.Attempts);
        Assert.Null(failedDelivery.NextAttemptAt);
        Assert.Equal(5, receiver.For("five").Count);
    }

    [Fact]
    public async Task Dispatcher_DisablesEndpointAndFailsItsPending_WhenEndpointAnswers410()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var secret = Arrange.Secret();
        var subscription = await Arrange.SubscriptionAsync(app, workspace,
            receiver.Add("gone", [secret], _ => new ReceiverAnswer(410)), ["invoice.paid"], secret);
        await using (var scope = app.Scope())
        {
            // Two events in one transaction; the second is not due yet when the first comes back 410.
            var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
            scope.ServiceProvider.GetRequiredService<Integrations.Platform.Callers.Caller>().ActAsSystem(workspace);
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var events = await scope.ServiceProvider.GetRequiredService<Integrations.Platform.Events.EventLog>().AppendAsync(
                [new(EventCatalog.Find("invoice.paid")!, "{}"), new(EventCatalog.Find("invoice.paid")!, "{}")], Ct);
            await db.Set<WebhookDelivery>().Where(d => d.EventId == events[1].Id)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, app.Clock.GetUtcNow().AddHours(1)), Ct);
            await transaction.CommitAsync(Ct);
        }

        var deliveries = await Arrange.UntilAsync(app, subscription.Id, d => d.All(x => x.Status == DeliveryStatus.Failed));

        var disabled = await Arrange.ReloadAsync(app, subscription.Id);
        Assert.Equal(SubscriptionStatus.Disabled, disabled.Status);
        Assert.Equal("The endpoint answered 410 Gone", disabled.StatusReason);
        Assert.Equal([0, 1], deliveries.Select(d => d.Attempts).Order());
        Assert.Single(receiver.For("gone"));
    }

    [Fact]
    public async Task Dispatcher_WaitsRetryAfter_WhenEndpointAnswers429()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var secret = Arrange.Secret();
        var subscription = await Arrange.SubscriptionAsync(app, workspace,
            receiver.Add("busy", [secret], call => call == 1 ? new ReceiverAnswer(429, RetryAfter: "120") : ReceiverAnswer.Ok),
            ["invoice.paid"], secret);

        await Arrange.PublishAsync(app, workspace, "invoice.paid");

        var delivery = (await Arrange.UntilAsync(app, subscription.Id, d => d.Single().Attempts == 1)).Single();
        var attemptedAt = (await Arrange.AttemptsAsync(app, delivery.Id))[0].AttemptedAt;
        Assert.Equal(TimeSpan.FromSeconds(120), delivery.NextAttemptAt - attemptedAt);
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        app.Dispatcher().Wake();
        await Task.Delay(200, Ct);
        Assert.Single(receiver.For("busy"));

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        app.Dispatcher().Wake();

        await Arrange.UntilAsync(app, subscription.Id, d => d.Single().Status == DeliveryStatus.Delivered);
        Assert.Equal(2, receiver.For("busy").Count);
    }

    [Fact]
    public async Task Dispatcher_PausesEndpoint_AfterFortyEightHoursFailing_AndDeliversAfterResume()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var secret = Arrange.Secret();
        var healthy = false;
        var subscription = await Arrange.SubscriptionAsync(app, workspace,
            receiver.Add("dead", [secret], _ => new ReceiverAnswer(healthy ? 200 : 503)), ["invoice.paid"], secret);
        await Arrange.PublishAsync(app, workspace, "invoice.paid");
        await Arrange.UntilAsync(app, subscription.Id, d => d.Single().Attempts == 1);

        app.Clock.Advance(TimeSpan.FromHours(49));
        app.Dispatcher().Wake();

        await Arrange.UntilAsync(app, subscription.Id, d => d.Single().Attempts == 2);
        var paused = await Arrange.ReloadAsync(app, subscription.Id);
        Assert.Equal(SubscriptionStatus.Paused, paused.Status);
        app.Clock.Advance(TimeSpan.FromHours(25));
        app.Dispatcher().Wake();
        await Task.Delay(200, Ct);
        Assert.Equal(2, receiver.For("dead").Count);

        healthy = true;
        await ResumeAsync(subscription.Id);
        app.Dispatcher().Wake();

        var delivered = (await Arrange.UntilAsync(app, subscription.Id, d => d.Single().Status == DeliveryStatus.Delivered)).Single();
        Assert.Equal(3, delivered.Attempts);
        Assert.Null((await Arrange.ReloadAsync(app, subscription.Id)).FailingSince);
    }

    [Fact]
    public async Task Dispatcher_DeliversToHealthyEndpoint_WhileAnotherIsSlow()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var secret = Arrange.Secret();
        await Arrange.SubscriptionAsync(app, workspace,
            receiver.Add("slow", [secret], _ => new ReceiverAnswer(200, TimeSpan.FromSeconds(4))), ["invoice.paid"], secret);
        await Arrange.SubscriptionAsync(app, workspace, receiver.Add("fast", [secret]), ["invoice.paid"], secret);
        var started = Stopwatch.StartNew();

        await Arrange.PublishAsync(app, workspace, "invoice.paid", 100);

        await receiver.WaitForAsync("fast", r => r.Count == 100, TimeSpan.FromSeconds(3.5));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(3.5), $"The healthy endpoint took {started.Elapsed}.");
        // The slow endpoint has its bounded share in flight, and none of it has answered yet.
        Assert.InRange(receiver.For("slow").Count, 1, 32);
    }

    [Fact]
    public async Task Dispatcher_RecordsGuardRefusal_WhenEndpointIsPrivateAndNotAllowListed()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var secret = Arrange.Secret();
        receiver.Add("private", [secret]);
        var url = new UriBuilder(new Uri(receiver.BaseUrl, "private")) { Host = "127.0.0.2" }.Uri;
        var subscription = await Arrange.SubscriptionAsync(app, workspace, url, ["invoice.paid"], secret);

        await Arrange.PublishAsync(app, workspace, "invoice.paid");

        var delivery = (await Arrange.UntilAsync(app, subscription.Id, d => d.Single().Attempts == 1)).Single();
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        var attempt = (await Arrange.AttemptsAsync(app, delivery.Id)).Single();
        Assert.Null(attempt.StatusCode);
        Assert.Contains("127.0.0.2, a private or reserved address", attempt.Error, StringComparison.Ordinal);
        Assert.Equal(attempt.Error, delivery.LastError);
        Assert.Empty(receiver.For("private"));
    }

    private async Task ResumeAsync(Guid subscriptionId)
    {
        // What the subscriptions API's resume does: active again, its pending deliveries due now.
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var now = app.Clock.GetUtcNow();
        await db.Set<WebhookSubscription>().IgnoreQueryFilters().Where(s => s.Id == subscriptionId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, SubscriptionStatus.Active).SetProperty(s => s.StatusReason, (string?)null));
        await db.Set<WebhookDelivery>().IgnoreQueryFilters().Where(d => d.SubscriptionId == subscriptionId && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, now));
    }
}
