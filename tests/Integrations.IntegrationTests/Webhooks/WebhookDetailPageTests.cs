using System.Net;
using System.Text.RegularExpressions;
using Integrations.Testing;
using Integrations.Webhooks.Log;
using Microsoft.EntityFrameworkCore;

namespace Integrations.IntegrationTests.Webhooks;

public sealed partial class WebhookDetailPageTests(WebhookDetailPageTests.App app) : IClassFixture<WebhookDetailPageTests.App>
{
    /// <summary>The page is under test, not the engine: no dispatcher picks up the deliveries arranged here.</summary>
    public sealed class App : ClockedSentinelApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Sentinel:Webhooks:Dispatcher"] = "false" };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task DetailPage_ShowsStatusWithReasonAndEvents_WhenWebhookIsDisabled()
    {
        var webhookId = await app.SubscribeInAdminWorkspaceAsync("Billing sync");
        var client = await app.SignInAsync(Ct);
        await client.PostFormAsync("/integrations/webhooks", $"/integrations/webhooks?handler=Disable&id={webhookId}", new Dictionary<string, string>(), Ct);

        var page = await client.GetStringAsync($"/integrations/webhooks/{webhookId}", Ct);

        Assert.Contains("Billing sync", page, StringComparison.Ordinal);
        Assert.Contains("Disabled</span>", page, StringComparison.Ordinal);
        Assert.Contains("Disabled by an admin.", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"chip\">invoice.paid</span>", page, StringComparison.Ordinal);
        Assert.Contains("No deliveries yet", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailPage_ListsOnlyThe30Newest_WhenThereAreMore()
    {
        var webhookId = await app.SubscribeInAdminWorkspaceAsync("Busy");
        var deliveries = new List<string>();
        for (var i = 31; i > 0; i--)
        {
            deliveries.Add(await app.AddDeliveryAsync(webhookId, DeliveryStatus.Delivered, Now.AddMinutes(-i), new AttemptSeed(Now.AddMinutes(-i), 200)));
        }

        var client = await app.SignInAsync(Ct);
        var page = await client.GetStringAsync($"/integrations/webhooks/{webhookId}", Ct);

        var rows = DeliveryRow().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(deliveries.Skip(1).Reverse(), rows);
    }

    [Fact]
    public async Task DetailPage_ShowsSuccessRateAndAttemptsOfLast24Hours_WhenSomeAttemptsFailed()
    {
        var webhookId = await app.SubscribeInAdminWorkspaceAsync("Flaky");
        await app.AddDeliveryAsync(webhookId, DeliveryStatus.Delivered, Now.AddHours(-3),
            new AttemptSeed(Now.AddHours(-3), 500), new AttemptSeed(Now.AddHours(-2), 200));
        await app.AddDeliveryAsync(webhookId, DeliveryStatus.Delivered, Now.AddMinutes(-10), new AttemptSeed(Now.AddMinutes(-10), 204));
        // A day and more ago: outside the chart.
        await app.AddDeliveryAsync(webhookId, DeliveryStatus.Failed, Now.AddHours(-30), new AttemptSeed(Now.AddHours(-25), 500));

        var client = await app.SignInAsync(Ct);
        var page = await client.GetStringAsync($"/integrations/webhooks/{webhookId}", Ct);

        Assert.Contains("<strong id=\"success-rate\">67%</strong>", page, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"attempt-total\">3</strong>", page, StringComparison.Ordinal);
        var hour = Now.AddHours(-3);
        Assert.Contains($"{hour:HH}:00 UTC — 1 attempt, 0 succeeded", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailPage_ShowsEachAttemptsRequestAndResponse_WhenDeliveryIsChosen()
    {
        var webhookId = await app.SubscribeInAdminWorkspaceAsync("Detailed");
        var deliveryId = await app.AddDeliveryAsync(webhookId, DeliveryStatus.Pending, Now.AddMinutes(-5),
            new AttemptSeed(Now.AddMinutes(-5), 502, Snippet: "<h1>Bad gateway</h1>"),
            new AttemptSeed(Now.AddMinutes(-4), null, Error: "Connection refused"));

        var client = await app.SignInAsync(Ct);
        var page = await client.GetStringAsync($"/integrations/webhooks/{webhookId}?delivery={deliveryId}", Ct);

        var text = WebUtility.HtmlDecode(page);
        Assert.Contains($"Attempts of <span class=\"mono\">{deliveryId}</span>", text, StringComparison.Ordinal);
        Assert.Contains("&lt;h1&gt;Bad gateway&lt;/h1&gt;", page, StringComparison.Ordinal);
        Assert.Contains("Connection refused", text, StringComparison.Ordinal);
        Assert.Contains("\"webhook-signature\": \"v1,c2lnbmF0dXJl\"", text, StringComparison.Ordinal);
        Assert.Contains("\"invoice_id\": \"inv_42\"", text, StringComparison.Ordinal);
        Assert.Contains("Attempt 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryNow_MakesFailedDeliveryPendingAndDueNow_AndAuditsIt()
    {
        var webhookId = await app.SubscribeInAdminWorkspaceAsync("Retry me");
        var deliveryId = await app.AddDeliveryAsync(webhookId, DeliveryStatus.Failed, Now.AddHours(-2), new AttemptSeed(Now.AddHours(-2), 500));
        var client = await app.SignInAsync(Ct);

        var response = await RetryAsync(client, webhookId, deliveryId);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync(deliveryId);
        Assert.Equal(DeliveryStatus.Pending, stored.Status);
        Assert.Equal(Now, stored.NextAttemptAt);
        Assert.Null(stored.LeaseUntil);
        var audit = await client.GetStringAsync($"/audit?ObjectId={deliveryId}", Ct);
        Assert.Contains("webhook_delivery.retried", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailPage_Answers404_WhenWebhookIsInAnotherWorkspace()
    {
        var theirs = await app.SubscribeInNewWorkspaceAsync("Not yours");
        var client = await app.SignInAsync(Ct);

        var response = await client.GetAsync($"/integrations/webhooks/{theirs}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/integrations/webhooks/whk_nonsense", Ct)).StatusCode);
    }

    [Fact]
    public async Task RetryNow_LeavesDeliveryAlone_WhenItIsInAnotherWorkspace()
    {
        var ours = await app.SubscribeInAdminWorkspaceAsync("Ours");
        await app.AddDeliveryAsync(ours, DeliveryStatus.Failed, Now.AddHours(-1), new AttemptSeed(Now.AddHours(-1), 500));
        var theirs = await app.SubscribeInNewWorkspaceAsync("Theirs");
        var theirDelivery = await app.AddDeliveryAsync(theirs, DeliveryStatus.Failed, Now.AddHours(-1), new AttemptSeed(Now.AddHours(-1), 500));
        var client = await app.SignInAsync(Ct);

        await RetryAsync(client, ours, theirDelivery);

        Assert.Equal(DeliveryStatus.Failed, (await StoredAsync(theirDelivery)).Status);
    }

    private static Task<HttpResponseMessage> RetryAsync(HttpClient client, string webhookId, string deliveryId) =>
        client.PostFormAsync($"/integrations/webhooks/{webhookId}", $"/integrations/webhooks/{webhookId}?handler=Retry",
            new Dictionary<string, string> { ["deliveryId"] = deliveryId }, Ct);

    private Task<WebhookDelivery> StoredAsync(string deliveryId)
    {
        var id = Guid.Parse(deliveryId["dlv_".Length..]);
        return app.QueryAsync(db => db.All<WebhookDelivery>().SingleAsync(d => d.Id == id, Ct));
    }

    [GeneratedRegex("data-delivery-id=\"(dlv_[0-9a-f]+)\"")]
    private static partial Regex DeliveryRow();
}
