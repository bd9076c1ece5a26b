using System.Net.Http.Json;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>The app configured the way local development and tests run a receiver on loopback.</summary>
public sealed class LocalReceiverApp : SentinelApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => LocalReceiver.Settings;
}

public sealed class LocalReceiverTests(LocalReceiverApp app) : IClassFixture<LocalReceiverApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscribe_AcceptsAllowListedLoopbackOverHttp_ButStillRefusesOtherPrivateAddresses()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write", "crm:read");

        await client.SubscribeAsync(["deal.stage_changed"], "http://127.0.0.1:9/hook");
        var refused = await client.PostAsJsonAsync("/api/v1/webhooks/subscribe", new { url = "http://10.0.0.1/hook", events = new[] { "invoice.paid" } }, Ct);

        await refused.AssertInvalidFieldAsync("url");
    }
}
