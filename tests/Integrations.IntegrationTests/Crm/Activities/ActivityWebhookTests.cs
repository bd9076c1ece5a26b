using System.Text.Json;
using Integrations.Crm.Activities;
using Integrations.IntegrationTests.Webhooks;
using Integrations.Platform.Callers;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Crm.Activities;

/// <summary>A synced email reaches a subscribed endpoint as <c>activity.created</c>, signed like any record event.</summary>
public sealed class ActivityWebhookTests(DeliveryApp app) : IClassFixture<DeliveryApp>, IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async ValueTask InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task RecordedEmail_IsDeliveredAsActivityCreated_Once()
    {
        var workspace = await Arrange.WorkspaceAsync(app);
        var secret = Arrange.Secret();
        await Arrange.SubscriptionAsync(app, workspace, receiver.Add("activities", [secret]), ["activity.created", "activity.updated"], secret);
        var email = new ActivityInput
        {
            Kind = "email",
            Channel = "gmail",
            Direction = "inbound",
            OccurredAt = DateTimeOffset.Parse("2026-05-15T10:05:00Z", System.Globalization.CultureInfo.InvariantCulture),
            Subject = "Pricing question",
            Text = "How much is it?",
            ConnectionId = "cxn_0193a000000070008000000000000001",
            ExternalId = "gmail-msg-1",
            Participants = [new("from", "buyer@example.com", "Bea Buyer")],
        };

        for (var sync = 0; sync < 2; sync++)
        {
            await using var scope = app.Scope();
            scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
            await scope.ServiceProvider.GetRequiredService<ActivityWriter>()
                .RecordAsync([email], new ActivityMatching(false, []), TestContext.Current.CancellationToken);
        }

        var request = (await receiver.WaitForAsync("activities", r => r.Count == 1)).Single();
        Assert.True(request.StandardSignatureValid);
        var envelope = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("activity.created", envelope.GetProperty("event").GetString());
        var record = envelope.GetProperty("data").GetProperty("record");
        Assert.Equal("Pricing question", record.GetProperty("subject").GetString());
        Assert.Equal("gmail-msg-1", record.GetProperty("external_id").GetString());
        Assert.Equal("buyer@example.com", record.GetProperty("participants")[0].GetProperty("email").GetString());
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Single(await receiver.WaitForAsync("activities", r => r.Count >= 1));
    }
}
