using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using Integrations.Testing.Fakes.Slack;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>
/// Kills the app (a real process, SIGKILL) while a run waits on a call it made, and starts it again on the same
/// database: the run goes on from the interrupted step and no step that only changes the database is repeated; an
/// interrupted <c>http_request</c> is sent again with the same idempotency key, an interrupted <c>app_action</c> is not
/// sent again (the provider may have acted) and fails the run. The in-test app only arranges and reads (its executor is off).
/// </summary>
public sealed class CrashRunTests : IAsyncLifetime
{
    private const string Hook = "held";
    private const string SlackPost = "chat.postMessage";

    /// <summary>The app's settings with a lease of <paramref name="leaseSeconds"/>. The killed instance's lease is short,
    /// since the restarted one claims the run when it expires, but must outlast the wait for its held call (on a busy
    /// machine) or it claims the run again itself before the kill. The restarted instance's is long: a lease that ran
    /// out during its own call would send it a third time (at least once, by design).</summary>
    private Dictionary<string, string> ProcessSettings(int leaseSeconds)
    {
        var settings = new Dictionary<string, string>
        {
            ["Sentinel:Outbound:AllowHttp"] = "true",
            ["Sentinel:Outbound:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["Sentinel:Automation:LeaseSeconds"] = $"{leaseSeconds}",
            ["Sentinel:Hangfire:Server"] = "false",
        };
        foreach (var (key, value) in app.SlackSettings)
        {
            settings[key] = value;
        }

        // Slack's Web API is the receiver here: chat.postMessage arrives at its endpoint of that name.
        settings["Sentinel:Apps:slack:Urls:api"] = $"{receiver.BaseUrl}";
        return settings;
    }

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
        var created = await AutomationApp.PostWorkflowAsync(client, new JsonObject
        {
            ["name"] = "Title then call",
            ["trigger"] = new JsonObject { ["type"] = "record.created", ["object"] = "contact" },
            ["steps"] = new JsonArray(
                new JsonObject { ["id"] = "title", ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = "Called {{ record.first_name }}" } },
                new JsonObject { ["id"] = "call", ["type"] = "http_request", ["url"] = $"{new Uri(receiver.BaseUrl, Hook)}", ["body"] = new JsonObject { ["id"] = "{{ record.id }}" } }),
        }, Ct);
        var (workflow, secret) = (created["id"]!.GetValue<string>(), created["signing_secret"]!.GetValue<string>());
        // The first call is held open (never answered) until the app that sent it is gone; the next is answered.
        receiver.Add(Hook, [secret], call => call == 1 ? new ReceiverAnswer(200, Delay: TimeSpan.FromMinutes(5)) : ReceiverAnswer.Ok);
        var contact = await AutomationApp.CreateContactAsync(client, new { first_name = "Ada", email = "ada@crash.test" }, Ct);
        var runId = Assert.Single(await AutomationApp.RunsAsync(client, workflow, Ct)).GetProperty("id").GetString()!;

        var clock = Stopwatch.StartNew();
        await KillWhenCalledAsync(Hook);
        var killedAt = clock.Elapsed;

        Assert.Single(receiver.For(Hook));
        Assert.Equal("running", await RunStatusAsync(client, runId));
        // The title is set and the call is not done; whether its attempt is written before the call or after it is the
        // executor's choice (a running step run, or none), so either passes.
        var interrupted = await StepRunsAsync(client, runId);
        Assert.Equal(("title", 1, "succeeded"), Summary(Assert.Single(interrupted, s => s.GetProperty("step_id").GetString() == "title")));
        Assert.All(interrupted.Where(s => s.GetProperty("step_id").GetString() == "call"), s => Assert.Equal(("call", 1, "running"), Summary(s)));

        await RestartUntilEndedAsync(client, runId, Hook);

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
        var updates = await AutomationApp.AuditAsync(app, contact, "contact.updated", Ct);
        Assert.Equal("workflow Title then call", Assert.Single(updates).ActorName);
    }

    [Fact]
    public async Task InterruptedAppAction_IsNotSentAgain_AndTheRunFailsAskingToCheckTheApp_WhenKilledAndRestarted()
    {
        var connection = await app.ConnectSlackAsync(Ct);
        var client = app.Client((await Keys.IssueAsync(app, AutomationApp.AllScopes)).Key);
        var workflow = await AutomationApp.CreateWorkflowAsync(client, new JsonObject
        {
            ["name"] = "Title then Slack",
            ["trigger"] = new JsonObject { ["type"] = "record.created", ["object"] = "contact" },
            ["steps"] = new JsonArray(
                new JsonObject { ["id"] = "title", ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = "Announced" } },
                new JsonObject
                {
                    ["id"] = "announce", ["type"] = "app_action", ["connection_id"] = connection, ["action"] = "post_message",
                    ["input"] = new JsonObject { ["channel"] = "C0SALES", ["text"] = "New contact: {{ record.first_name }}" },
                }),
        }, Ct);
        // Slack's chat.postMessage: the first call is held open until the app is killed; any other would be answered.
        receiver.Add(SlackPost, [], call => call == 1 ? new ReceiverAnswer(200, Delay: TimeSpan.FromMinutes(5)) : ReceiverAnswer.Ok);
        var contact = await AutomationApp.CreateContactAsync(client, new { first_name = "Bo", email = "bo@crash.test" }, Ct);
        var runId = Assert.Single(await AutomationApp.RunsAsync(client, workflow, Ct)).GetProperty("id").GetString()!;

        await KillWhenCalledAsync(SlackPost);
        await RestartUntilEndedAsync(client, runId, SlackPost);

        var run = Assert.Single(await AutomationApp.RunsAsync(client, workflow, Ct));
        Assert.Equal("failed", AutomationApp.Status(run));
        var stepRuns = await StepRunsAsync(client, runId);
        Assert.Equal([("title", 1, "succeeded"), ("announce", 1, "failed")], stepRuns.Select(Summary));
        var error = stepRuns[1].GetProperty("error").GetString();
        // The connection's app and account, so the admin knows where to look.
        Assert.Matches("^Interrupted; check slack \\(.+\\) before retrying\\.$", error);
        Assert.Contains(error!, run.GetProperty("error").GetString(), StringComparison.Ordinal);
        var posted = Assert.Single(receiver.For(SlackPost));
        Assert.Equal("New contact: Bo", JsonNode.Parse(posted.Body)!["text"]!.GetValue<string>());
        Assert.Equal("Announced", (await AutomationApp.ContactAsync(client, contact, Ct)).GetProperty("job_title").GetString());
    }

    /// <summary>Starts the app and kills it (SIGKILL) as soon as <paramref name="endpoint"/> has its first call.</summary>
    private async Task KillWhenCalledAsync(string endpoint)
    {
        using var first = AppProcess.Start(connectionString, ProcessSettings(leaseSeconds: 8));
        await UntilAsync(() => receiver.For(endpoint).Count > 0 || first.HasExited, TimeSpan.FromSeconds(60));
        Assert.False(first.HasExited, "The app exited before the test killed it:\n" + first.Output);
        first.Kill();
    }

    /// <summary>Starts the app again on the same database until the run has ended.</summary>
    private async Task RestartUntilEndedAsync(HttpClient client, string runId, string endpoint)
    {
        using var second = AppProcess.Start(connectionString, ProcessSettings(leaseSeconds: 60));
        // Starting a process is slow on a busy machine: the wait is for the new instance, not for the run.
        await Poll.UntilAsync(() => RunStatusAsync(client, runId), s => s is "succeeded" or "failed", TimeSpan.FromSeconds(60),
            s => $"The run is still {s}; {receiver.For(endpoint).Count} calls; the app {(second.HasExited ? "exited" : "runs")}:\n{second.Output}");
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

    /// <summary>The app in-process on the test's database, to arrange and read through the API; it runs no workflows.
    /// Its Slack is a Slack-style OAuth fake on loopback, to connect through the consent flow.</summary>
    private sealed class ArrangingApp(string connectionString) : SentinelApp
    {
        private FakeOAuthProvider slack = null!;

        /// <summary>Where Slack is and this platform's client there, for the app processes too.</summary>
        public Dictionary<string, string> SlackSettings { get; } = [];

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(
            SlackSettings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)).Concat(LocalReceiver.Settings))
        {
            ["Sentinel:Automation:Executor"] = "false",
            ["Sentinel:Webhooks:Dispatcher"] = "false",
        };

        protected override Task<string> DatabaseAsync() => Task.FromResult(connectionString);

        public override async ValueTask InitializeAsync()
        {
            slack = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Slack) { Apis = new FakeSlackApi().Map });
            var client = slack.RegisterClient(ConnectApp.RedirectUri);
            SlackSettings["Sentinel:Apps:slack:Urls:authorize"] = slack.AuthorizeUrl;
            SlackSettings["Sentinel:Apps:slack:Urls:token"] = slack.TokenUrl;
            SlackSettings["Sentinel:Apps:slack:Urls:identity"] = slack.IdentityUrl;
            SlackSettings["Sentinel:Apps:slack:Urls:api"] = slack.Url("/api");
            SlackSettings["Sentinel:Apps:slack:ClientId"] = client.Id;
            SlackSettings["Sentinel:Apps:slack:ClientSecret"] = client.Secret;
            await base.InitializeAsync();
        }

        /// <summary>Connects a Slack workspace as the admin, in the admin's workspace; the connection's public id.</summary>
        public async Task<string> ConnectSlackAsync(CancellationToken ct)
        {
            var account = slack.Account = ConnectFlow.NewAccount();
            (await ConnectFlow.ConnectAsync(await this.SignInAsync(ct), "slack", slack, true, ct)).Dispose();
            return $"cxn_{Assert.Single(await ConnectFlow.ConnectionsAsync(this, account.TeamId)).Id:N}";
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await slack.DisposeAsync();
        }
    }
}
