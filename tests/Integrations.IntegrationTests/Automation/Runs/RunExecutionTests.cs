using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>The executor and the runs API: delays park runs on their version, failed steps are retried from where they
/// failed, failures reach webhook subscribers, runs again on the latest version, test runs store nothing.</summary>
public sealed class RunExecutionTests(AutomationApp app) : IClassFixture<AutomationApp>, IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await receiver.DisposeAsync();

    private static JsonObject Titled(string name, string title, params JsonObject[] before)
    {
        var steps = new JsonArray();
        foreach (var step in before)
        {
            steps.Add(step);
        }

        steps.Add(new JsonObject { ["id"] = "title", ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = title } });
        return new JsonObject
        {
            ["name"] = name,
            ["trigger"] = new JsonObject { ["type"] = "record.created", ["object"] = "contact" },
            ["steps"] = steps,
        };
    }

    [Fact]
    public async Task DelayedRun_FinishesOnTheVersionItStartedOn_WhenV2IsPublishedMeanwhile()
    {
        var (_, client) = await app.WorkspaceAsync();
        var wait = new JsonObject { ["id"] = "wait", ["type"] = "test_wait", ["seconds"] = 600 };
        var workflow = await AutomationApp.CreateWorkflowAsync(client, Titled("Pinned", "v1", wait), Ct);
        var contact = await AutomationApp.CreateContactAsync(client, new { first_name = "Ada", email = "ada@pinned.test" }, Ct);
        await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 1 && AutomationApp.Status(r[0]) == "waiting", Ct);

        var v2 = Titled("Pinned", "v2", new JsonObject { ["id"] = "wait", ["type"] = "test_wait", ["seconds"] = 600 });
        using var put = await client.PutAsJsonAsync($"/api/v1/workflows/{workflow}", v2, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        app.Advance(TimeSpan.FromMinutes(11));

        var runs = await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 1 && AutomationApp.Status(r[0]) == "succeeded", Ct);
        Assert.Equal(1, runs[0].GetProperty("version").GetInt32());
        Assert.Equal("v1", (await AutomationApp.ContactAsync(client, contact, Ct)).GetProperty("job_title").GetString());
    }

    [Fact]
    public async Task DelayedRun_IsStoppedAndGoesNoFurther_WhenItsWorkflowWasDeletedMeanwhile()
    {
        var (_, client) = await app.WorkspaceAsync();
        var wait = new JsonObject { ["id"] = "wait", ["type"] = "test_wait", ["seconds"] = 600 };
        var workflow = await AutomationApp.CreateWorkflowAsync(client, Titled("Deleted while waiting", "never", wait), Ct);
        var contact = await AutomationApp.CreateContactAsync(client, new { first_name = "Ada", email = "ada@deleted.test" }, Ct);
        var runs = await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 1 && AutomationApp.Status(r[0]) == "waiting", Ct);
        var runId = runs[0].GetProperty("id").GetString()!;

        using var delete = await client.DeleteAsync($"/api/v1/workflows/{workflow}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        app.Advance(TimeSpan.FromMinutes(11));

        var run = await Poll.UntilAsync(async () => (await AutomationApp.RunAsync(client, runId, Ct)).GetProperty("run"),
            r => AutomationApp.Status(r) is not ("waiting" or "running"), TimeSpan.FromSeconds(20), r => $"The run is {r}");
        Assert.Equal("stopped", AutomationApp.Status(run));
        Assert.Equal("The workflow was deleted.", run.GetProperty("error").GetString());
        Assert.NotEqual("never", (await AutomationApp.ContactAsync(client, contact, Ct)).GetProperty("job_title").ToString());
    }

    [Fact]
    public async Task FailedRun_IsRetriedFromTheFailedStep_AndItsFailureIsDeliveredToASubscriber()
    {
        var (_, client) = await app.WorkspaceAsync();
        var hook = "failures-" + Guid.NewGuid().ToString("N")[..8];
        using var subscribed = await client.PostAsJsonAsync("/api/v1/webhooks/subscribe", new { url = $"{receiver.Add(hook, [])}", events = new[] { "workflow.run.failed" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        var endpoint = "flaky-" + Guid.NewGuid().ToString("N")[..8];
        var url = receiver.Add(endpoint, [], call => new ReceiverAnswer(call == 1 ? 400 : 200));
        var call = new JsonObject { ["id"] = "call", ["type"] = "http_request", ["method"] = "POST", ["url"] = $"{url}", ["body"] = new JsonObject { ["email"] = "{{ record.email }}" } };
        var json = Titled("Flaky", "called");
        ((JsonArray)json["steps"]!).Insert(0, call);
        ((JsonArray)json["steps"]!).Insert(0, new JsonObject { ["id"] = "first", ["type"] = "update_record", ["fields"] = new JsonObject { ["last_name"] = "First" } });
        var workflow = await AutomationApp.CreateWorkflowAsync(client, json, Ct);
        var contact = await AutomationApp.CreateContactAsync(client, new { first_name = "Bo", email = "bo@flaky.test" }, Ct);

        var failed = (await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 1 && AutomationApp.Status(r[0]) == "failed", Ct))[0];
        var runId = failed.GetProperty("id").GetString()!;
        Assert.Equal("call", failed.GetProperty("current_step_id").GetString());
        Assert.Contains("400", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        var delivered = await receiver.WaitForAsync(hook, r => r.Count == 1, TimeSpan.FromSeconds(20));
        var data = JsonNode.Parse(delivered[0].Body)!["data"]!;
        Assert.Equal((runId, "call"), (data["run_id"]!.GetValue<string>(), data["step_id"]!.GetValue<string>()));

        using var retry = await client.PostAsync($"/api/v1/workflow-runs/{runId}/retry", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);

        await AutomationApp.WaitForRunsAsync(client, workflow, r => AutomationApp.Status(r[0]) == "succeeded", Ct);
        var detail = await AutomationApp.RunAsync(client, runId, Ct);
        var stepRuns = detail.GetProperty("step_runs").EnumerateArray().ToList();
        Assert.Equal(["first", "call", "call", "title"], stepRuns.Select(s => s.GetProperty("step_id").GetString()));
        Assert.Equal(["succeeded", "failed", "succeeded", "succeeded"], stepRuns.Select(s => s.GetProperty("status").GetString()));
        Assert.Equal($"{runId}:call:2", stepRuns[2].GetProperty("idempotency_key").GetString());
        Assert.Equal("bo@flaky.test", stepRuns[2].GetProperty("input").GetProperty("body").GetProperty("email").GetString());
        Assert.Equal(2, receiver.For(endpoint).Count);
        Assert.Equal(200, detail.GetProperty("outputs").GetProperty("call").GetProperty("status").GetInt32());
        var record = await AutomationApp.ContactAsync(client, contact, Ct);
        Assert.Equal(("First", "called"), (record.GetProperty("last_name").GetString(), record.GetProperty("job_title").GetString()));
        using var again = await client.PostAsync($"/api/v1/workflow-runs/{runId}/retry", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task ManualRunAndRerun_RunOnTheRecord_TheRerunOnTheLatestVersion()
    {
        var (_, client) = await app.WorkspaceAsync();
        var json = Titled("By hand", "manual v1");
        json["trigger"] = new JsonObject { ["type"] = "manual", ["object"] = "contact" };
        var workflow = await AutomationApp.CreateWorkflowAsync(client, json, Ct);
        var contact = await AutomationApp.CreateContactAsync(client, new { first_name = "Cy", email = "cy@hand.test" }, Ct);

        using var missing = await client.PostAsJsonAsync($"/api/v1/workflows/{workflow}/run", new { }, Ct);
        Assert.Contains("record_id", await missing.AssertInvalidFieldAsync("record_id"), StringComparison.Ordinal);
        using var started = await client.PostAsJsonAsync($"/api/v1/workflows/{workflow}/run", new { record_id = contact }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var first = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 1 && AutomationApp.Status(r[0]) == "succeeded", Ct);
        Assert.Equal("manual v1", (await AutomationApp.ContactAsync(client, contact, Ct)).GetProperty("job_title").GetString());

        var v2 = Titled("By hand", "manual v2");
        v2["trigger"] = json["trigger"]!.DeepClone();
        using var put = await client.PutAsJsonAsync($"/api/v1/workflows/{workflow}", v2, Ct);
        using var rerun = await client.PostAsync($"/api/v1/workflow-runs/{first}/rerun", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, rerun.StatusCode);

        var runs = await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 2 && r.All(x => AutomationApp.Status(x) == "succeeded"), Ct);
        Assert.Equal(2, runs[0].GetProperty("version").GetInt32());
        Assert.Equal("manual v2", (await AutomationApp.ContactAsync(client, contact, Ct)).GetProperty("job_title").GetString());
        Assert.Single(await AutomationApp.RunsAsync(client, workflow, Ct, status: "succeeded"), r => r.GetProperty("id").GetString() == first);
    }

    [Fact]
    public async Task TestRun_ShowsEachStepsRenderedInput_AndChangesNothing()
    {
        var (_, client) = await app.WorkspaceAsync();
        var contact = await AutomationApp.CreateContactAsync(client, new { first_name = "Di", email = "di@vip.test" }, Ct);
        var json = Titled("Unsaved", "Hello {{ record.first_name }}");
        ((JsonArray)json["steps"]!).Add(new JsonObject
        {
            ["id"] = "check", ["type"] = "if",
            ["conditions"] = new JsonArray(new JsonObject { ["field"] = "email", ["op"] = "ends_with", ["value"] = "@vip.test" }),
            ["then"] = new JsonArray(new JsonObject { ["id"] = "vip", ["type"] = "update_record", ["fields"] = new JsonObject { ["last_name"] = "VIP" } }),
            ["else"] = new JsonArray(new JsonObject { ["id"] = "plain", ["type"] = "update_record", ["fields"] = new JsonObject { ["last_name"] = "Plain" } }),
        });

        using var response = await client.PostAsJsonAsync("/api/v1/workflows/test", new { workflow = json, record_id = contact }, Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var steps = JsonNode.Parse(body)!["steps"]!.AsArray();
        Assert.Equal(["title", "check", "vip"], steps.Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal("Hello Di", steps[0]!["input"]!["fields"]!["job_title"]!.GetValue<string>());
        Assert.Equal("then", steps[1]!["branch"]!.GetValue<string>());
        var record = await AutomationApp.ContactAsync(client, contact, Ct);
        Assert.NotEqual("Hello Di", record.GetProperty("job_title").ToString());
        Assert.NotEqual("VIP", record.GetProperty("last_name").ToString());
    }
}
