using System.Text.Json.Nodes;
using Integrations.IntegrationTests.Inbound.Sources;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>The <c>inbound.processed</c> trigger: a processed inbound request starts the workflows on its source.</summary>
public sealed class InboundRunsTests(AutomationApp app) : IClassFixture<AutomationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject OnSource(string name, string sourceId) => new()
    {
        ["name"] = name,
        ["trigger"] = new JsonObject { ["type"] = "inbound.processed", ["source_id"] = sourceId },
        ["steps"] = new JsonArray(new JsonObject { ["id"] = "wait", ["type"] = "test_wait", ["seconds"] = 3600 }),
    };

    [Fact]
    public async Task SignedInboundWebhook_StartsOneRunOfTheWorkflowOnItsSource_WhenProcessed()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync([.. AutomationApp.AllScopes, "inbound:read", "inbound:write"]);
        var source = await client.CreateAsync(new { name = "Signups", preset = "hmac", mapping = Sources.ContactMapping });
        var other = await client.CreateAsync(new { name = "Other", preset = "hmac", mapping = Sources.ContactMapping });
        var workflow = await AutomationApp.CreateWorkflowAsync(client, OnSource("On signups", source.Id()), Ct);
        var otherWorkflow = await AutomationApp.CreateWorkflowAsync(client, OnSource("On other", other.Id()), Ct);

        var body = new JsonObject { ["email"] = "ada@inbound.test", ["name"] = "Ada", ["plan"] = "pro" }.ToJsonString();
        var requestId = await Sources.AcceptedAsync(app, source.Id(), body, new Dictionary<string, string> { ["X-Signature"] = Signatures.Hex(source.Secret(), body) });
        var processed = await client.ProcessedAsync(source.Id(), requestId);
        Assert.Equal("processed", processed.GetProperty("status").GetString());

        var runs = await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count >= 1, Ct);
        var run = Assert.Single(runs);
        Assert.Equal("inbound.processed", run.GetProperty("trigger_type").GetString());
        var data = (await AutomationApp.RunAsync(client, run.GetProperty("id").GetString()!, Ct)).GetProperty("trigger_data");
        Assert.Equal((source.Id(), requestId), (data.GetProperty("source_id").GetString(), data.GetProperty("request_id").GetString()));
        Assert.Equal("pro", data.GetProperty("payload").GetProperty("plan").GetString());
        var record = Assert.Single(data.GetProperty("records").EnumerateArray());
        Assert.Equal(("contact", "created"), (record.GetProperty("object").GetString(), record.GetProperty("change").GetString()));
        Assert.Empty(await AutomationApp.RunsAsync(client, otherWorkflow, Ct));
    }
}
