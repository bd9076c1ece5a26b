using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;
using Integrations.Webhooks.Jobs;
using Integrations.Webhooks.Log;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>The app with a low replay limit, so a test can reach it.</summary>
public sealed class ReplayApp : SentinelApp
{
    public const int ReplaysPerHour = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sentinel:Webhooks:ReplaysPerHour"] = ReplaysPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Deliveries stay queued, so a test can tell a replay still sending from one that has finished.
        ["Sentinel:Webhooks:Dispatcher"] = "false",
    };
}

public sealed class ReplayTests(ReplayApp app) : IClassFixture<ReplayApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string Since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));

    [Fact]
    public async Task Replay_Answers409_WhileTheRunningReplayIsQueuedOrStillSending_AndStartsOnceItsCopiesAreSent()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync("webhooks:write");
        var webhook = await client.SubscribeAsync(["invoice.paid"]);
        var id = webhook.GetProperty("webhook_id").GetString();
        await Arrange.PublishAsync(app, workspace, "invoice.paid");
        await SendEverythingAsync(webhook);

        using var first = await client.PostAsync($"/api/v1/webhooks/{id}/replay?since={Since}", null, Ct);
        using var queued = await client.PostAsync($"/api/v1/webhooks/{id}/replay?since={Since}", null, Ct);
        await RunReplayJobAsync(webhook);
        using var sending = await client.PostAsync($"/api/v1/webhooks/{id}/replay?since={Since}", null, Ct);
        await SendEverythingAsync(webhook);
        using var next = await client.PostAsync($"/api/v1/webhooks/{id}/replay?since={Since}", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var job = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("job_id").GetString();
        Assert.Equal(job, (await queued.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("replay_job_id").GetString());
        Assert.Contains("still sending", (await sending.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
    }

    /// <summary>What Hangfire's server (off in tests) would do with the queued replay.</summary>
    private async Task RunReplayJobAsync(JsonElement webhook)
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<ReplayJob>().RunAsync(Subscribers.IdOf(webhook), DateTimeOffset.UtcNow.AddHours(-1), Ct);
    }

    /// <summary>What the dispatcher (off here) would do once the receiver took everything.</summary>
    private async Task SendEverythingAsync(JsonElement webhook)
    {
        var subscription = Subscribers.IdOf(webhook);
        await app.QueryAsync(db => db.All<WebhookDelivery>().Where(d => d.SubscriptionId == subscription)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Delivered), Ct));
    }

    [Fact]
    public async Task Replays_Answer429WithRetryAfter_WhenAWorkspaceStartsMoreThanItsHourlyLimit()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i <= ReplayApp.ReplaysPerHour; i++)
        {
            var id = (await client.SubscribeAsync(["invoice.paid"])).GetProperty("webhook_id").GetString();
            answers.Add(await client.PostAsync($"/api/v1/webhooks/{id}/replay?since={Since}", null, Ct));
        }

        Assert.All(answers[..^1], a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        await answers[^1].AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(answers[^1].Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var other = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write");
        var theirs = (await other.SubscribeAsync(["invoice.paid"])).GetProperty("webhook_id").GetString();
        Assert.Equal(HttpStatusCode.Accepted, (await other.PostAsync($"/api/v1/webhooks/{theirs}/replay?since={Since}", null, Ct)).StatusCode);
        answers.ForEach(a => a.Dispose());
    }
}
