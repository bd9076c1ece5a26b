using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.IntegrationTests.Webhooks;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>
/// Kills the app (a real process, SIGKILL) while a run waits on its HTTP call and starts it again on the same database:
/// the run goes on from the interrupted step, no step that only changes the database is repeated, and the call is sent
/// again with the same idempotency key. The in-test app only arranges and reads (its executor is off).
/// </summary>
public sealed class CrashRunTests : IAsyncLifetime
{
    private const string Hook = "held";

    /// <summary>The app's settings with a short lease: a crashed instance's run is claimed again that soon after it
    /// started its step. The killed instance's lease must still outlast the wait for its held call (on a busy machine),
    /// or it would claim the run again itself before the kill.</summary>
    private static Dictionary<string, string> ProcessSettings(int leaseSeconds) => new()
    {
        ["Sentinel:Outbound:AllowHttp"] = "true",
        ["Sentinel:Outbound:AllowedPrivateHosts:0"] = "127.0.0.1",
        ["Sentinel:Automation:LeaseSeconds"] = $"{leaseSeconds}",
        ["Sentinel:Hangfire:Server"] = "false",
    };

    private string connectionString = "";
    private ArrangingApp app = null!;
    private WebhookReceiver receiver = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        connectionString = await PostgresServer.CreateDatabaseAsync(nameof(CrashRunTests));
        app = new ArrangingApp(connectionString);
        await app.InitializeAsync();
        receiver = await WebhookReceiver.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await receiver.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task InterruptedHttpRequest_IsSentAgainWithTheSameIdempotencyKey_AndTheRecordUpdatedOnce_WhenKilledAndRestarted()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync(AutomationApp.AllScopes);
        var (workflow, secret) = await CreateAsync(client, new JsonObject
        {
            ["name"] = "Title then call",
            ["enabled"] = true,
            ["trigger"] = new JsonObject { ["type"] = "record.created", ["object"] = "contact" },
            ["steps"] = new JsonArray(
                new JsonObject { ["id"] = "title", ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = "Called {{ record.first_name }}" } },
                new JsonObject { ["id"] = "call", ["type"] = "http_request", ["url"] = $"{new Uri(receiver.BaseUrl, Hook)}", ["body"] = new JsonObject { ["id"] = "{{ record.id }}" } }),
        });
        // The first call is held open (never answered) until the app that sent it is gone; the next is answered.
        receiver.Add(Hook, [secret], call => call == 1 ? new ReceiverAnswer(200, Delay: TimeSpan.FromMinutes(5)) : ReceiverAnswer.Ok);
        var contact = await AutomationApp.CreateContactAsync(client, new { first_name = "Ada", email = "ada@crash.test" }, Ct);
        var runId = Assert.Single(await AutomationApp.RunsAsync(client, workflow, Ct)).GetProperty("id").GetString()!;

        var clock = Stopwatch.StartNew();
        using (var first = AppProcess.Start(connectionString, ProcessSettings(leaseSeconds: 8)))
        {
            await UntilAsync(() => receiver.For(Hook).Count > 0 || first.HasExited, TimeSpan.FromSeconds(60));
            Assert.False(first.HasExited, "The app exited before the test killed it:\n" + first.Output);
            first.Kill();
        }

        Assert.Single(receiver.For(Hook));
        var interrupted = await StepRunsAsync(client, runId);
        Assert.Equal([("title", 1, "succeeded"), ("call", 1, "running")], interrupted.Select(Summary));

        var killedAt = clock.Elapsed;
        using (var second = AppProcess.Start(connectionString, ProcessSettings(leaseSeconds: 3)))
        {
            // Starting a process is slow on a busy machine: the wait is for the new instance, not for the run.
            await Poll.UntilAsync(() => RunStatusAsync(client, runId), s => s is "succeeded" or "failed", TimeSpan.FromSeconds(60),
                s => $"The run is still {s}; {receiver.For(Hook).Count} calls; the app {(second.HasExited ? "exited" : "runs")}:\n{second.Output}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"Killed {killedAt.TotalSeconds:N1} s in; the run ended {(clock.Elapsed - killedAt).TotalSeconds:N1} s after.");
        Assert.Equal("succeeded", AutomationApp.Status(Assert.Single(await AutomationApp.RunsAsync(client, workflow, Ct))));
        var stepRuns = await StepRunsAsync(client, runId);
        Assert.Equal([("title", 1, "succeeded"), ("call", 1, "succeeded")], stepRuns.Select(Summary));
        var key = $"{runId}:call:1";
        Assert.Equal(key, stepRuns[1].GetProperty("idempotency_key").GetString());
        var calls = receiver.For(Hook);
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal((key, key, true), (c.Headers["Idempotency-Key"], c.WebhookId, c.StandardSignatureValid)));
        Assert.Equal("Called Ada", (await AutomationApp.ContactAsync(client, contact, Ct)).GetProperty("job_title").GetString());
        await using var scope = app.Scope();
        var updates = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AuditEntry>().IgnoreQueryFilters()
            .Where(a => a.ObjectId == contact && a.Action == "contact.updated").ToListAsync(Ct);
        Assert.Equal("workflow Title then call", Assert.Single(updates).ActorName);
    }

    private static async Task<(string Id, string Secret)> CreateAsync(HttpClient client, JsonObject workflow)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/workflows", workflow, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var created = JsonNode.Parse(body)!;
        return (created["id"]!.GetValue<string>(), created["signing_secret"]!.GetValue<string>());
    }

    private static async Task<string?> RunStatusAsync(HttpClient client, string runId)
    {
        await Task.Delay(200, Ct);
        return (await AutomationApp.RunAsync(client, runId, Ct)).GetProperty("run").GetProperty("status").GetString();
    }

    private static async Task<List<JsonElement>> StepRunsAsync(HttpClient client, string runId) =>
        [.. (await AutomationApp.RunAsync(client, runId, Ct)).GetProperty("step_runs").EnumerateArray()];

    private static (string?, int, string?) Summary(JsonElement stepRun) =>
        (stepRun.GetProperty("step_id").GetString(), stepRun.GetProperty("attempt").GetInt32(), stepRun.GetProperty("status").GetString());

    private static Task UntilAsync(Func<bool> done, TimeSpan timeout) =>
        Poll.UntilAsync(() => Task.FromResult(done()), d => d, timeout, _ => $"Not done after {timeout}.");

    /// <summary>The app in-process on the test's database, to arrange and read through the API; it runs no workflows.</summary>
    private sealed class ArrangingApp(string connectionString) : SentinelApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Sentinel:Automation:Executor"] = "false",
            ["Sentinel:Webhooks:Dispatcher"] = "false",
        };

        protected override Task<string> DatabaseAsync() => Task.FromResult(connectionString);
    }
}
