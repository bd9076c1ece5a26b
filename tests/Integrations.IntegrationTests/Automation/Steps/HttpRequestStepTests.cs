using System.Text.Json.Nodes;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Automation.Steps;

/// <summary><c>http_request</c> to a loopback receiver: signed with the workflow's secret, carrying the idempotency key;
/// 5xx asks for a retry, 4xx fails for good.</summary>
public sealed class HttpRequestStepTests(StepsApp app) : IClassFixture<StepsApp>, IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async ValueTask InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Run_ArrivesSignedWithTheWorkflowsSecret_WithTheIdempotencyKey_AndRenderedBody()
    {
        var workspace = await app.WorkspaceAsync();
        var endpoint = "signed-" + Guid.NewGuid().ToString("N")[..8];
        var url = receiver.Add(endpoint, [workspace.Secret]);
        var step = Step($"{url}", new JsonObject { ["name"] = "{{ record.first_name }}", ["vip"] = true });
        step["headers"] = new JsonObject { ["x-team"] = "sales-{{ record.first_name }}" };

        var outcome = await workspace.RunAsync(step, Data("Ada"), idempotencyKey: "wfr_test.step_1.1");

        Assert.Null(outcome.Error);
        Assert.Equal(200, (int)outcome.Output!["status"]!);
        Assert.Equal("answer 200 to call 1", (string?)outcome.Output["body"]);
        var received = Assert.Single(receiver.For(endpoint));
        Assert.True(received.StandardSignatureValid);
        Assert.Equal("wfr_test.step_1.1", received.WebhookId);
        Assert.Equal("wfr_test.step_1.1", received.Headers["Idempotency-Key"]);
        Assert.Equal("sales-Ada", received.Headers["x-team"]);
        Assert.Equal("""{"name":"Ada","vip":true}""", received.Body);
    }

    [Fact]
    public async Task Run_AsksForARetryAfterTheEndpointsDelay_WhenItAnswers503()
    {
        var workspace = await app.WorkspaceAsync();
        var endpoint = "down-" + Guid.NewGuid().ToString("N")[..8];
        var url = receiver.Add(endpoint, [workspace.Secret], _ => new ReceiverAnswer(503, RetryAfter: "120"));

        var outcome = await workspace.RunAsync(Step($"{url}"), Data("Ada"));

        Assert.True(outcome.Retry);
        Assert.Equal(TimeSpan.FromSeconds(120), outcome.RetryAfter);
        Assert.Contains("503", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FailsWithoutRetry_WhenTheEndpointAnswers400()
    {
        var workspace = await app.WorkspaceAsync();
        var endpoint = "bad-" + Guid.NewGuid().ToString("N")[..8];
        var url = receiver.Add(endpoint, [workspace.Secret], _ => new ReceiverAnswer(400));

        var outcome = await workspace.RunAsync(Step($"{url}"), Data("Ada"));

        Assert.False(outcome.Retry);
        Assert.Equal(400, (int)outcome.Output!["status"]!);
        Assert.Contains("400", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FailsWithTheGuardsReason_WhenTheUrlIsPrivate()
    {
        var workspace = await app.WorkspaceAsync();

        var outcome = await workspace.RunAsync(Step("http://10.1.2.3/hook"), Data("Ada"));

        Assert.False(outcome.Retry);
        Assert.Contains("private or reserved", outcome.Error, StringComparison.Ordinal);
    }

    private static JsonObject Step(string url, JsonNode? body = null) => new()
    {
        ["type"] = "http_request", ["method"] = "POST", ["url"] = url, ["body"] = body ?? new JsonObject { ["id"] = "{{ record.id }}" },
    };

    private static JsonObject Data(string name) =>
        new() { ["record"] = new JsonObject { ["object"] = "contact", ["id"] = "con_x", ["first_name"] = name } };
}
