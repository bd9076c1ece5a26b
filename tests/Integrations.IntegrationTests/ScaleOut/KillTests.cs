using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integrations.IntegrationTests.Automation.Runs;
using Integrations.IntegrationTests.Imports;
using Integrations.IntegrationTests.Inbound.Sources;
using Integrations.IntegrationTests.Webhooks;
using Integrations.Platform.Ids;
using Integrations.Testing;

namespace Integrations.IntegrationTests.ScaleOut;

/// <summary>
/// Three app processes on one Postgres and one Redis take a load while the test kills them (SIGKILL) and starts them again
/// at random: an import of accounts (its instance is killed mid-import), contacts sent to an inbound source spread over
/// the instances (a send cut off by a kill is sent again to another), a webhook for every account and contact created,
/// and a workflow on every contact that adds a note (changes only this database) and calls a receiver
/// (<c>http_request</c>). Nothing is processed twice: every import chunk, inbound request, delivery and step is recorded
/// once. A POST the receiver got from an instance killed before it recorded the answer is sent again with the same id,
/// as at-least-once promises; no other is.
/// </summary>
public sealed partial class KillTests : IAsyncLifetime
{
    private const int Accounts = 10_000;
    private const int Contacts = 300;
    private const int RandomKills = 4;
    private const string Hooks = "hooks";
    private const string Calls = "calls";

    private static readonly string[] Scopes =
    [
        "imports:read", "imports:write", "crm:read", "crm:write", "bulk:write", "inbound:read", "inbound:write",
        "webhooks:read", "webhooks:write", "workflows:read", "workflows:write",
    ];

    private readonly string uploads = Directory.CreateTempSubdirectory("kill-tests-").FullName;
    private string connectionString = "";
    private ArrangingApp app = null!;
    private WebhookReceiver receiver = null!;
    private WebhookReceiver callee = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        connectionString = await PostgresServer.CreateDatabaseAsync(nameof(KillTests));
        // Its inbound worker is off too: only the instances process requests.
        app = new ArrangingApp(connectionString, new Dictionary<string, string?>(LocalReceiver.Settings) { ["Sentinel:Inbound:Worker"] = "false" });
        await app.InitializeAsync();
        receiver = await WebhookReceiver.StartAsync(keepRequests: false);
        callee = await WebhookReceiver.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await receiver.DisposeAsync();
        await callee.DisposeAsync();
        await app.DisposeAsync();
        Directory.Delete(uploads, recursive: true);
    }

    [Fact]
    public async Task NothingIsProcessedTwice_WhenInstancesAreKilledAndStartedAtRandomDuringALoad()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Scopes);
        var key = (await Keys.IssueAsync(app, Scopes, workspace)).Key;
        var webhook = await client.SubscribeAsync(["account.created", "contact.created"], $"{new Uri(receiver.BaseUrl, Hooks)}");
        receiver.Add(Hooks, [webhook.GetProperty("secret").GetString()!]);
        var workflow = await AutomationApp.PostWorkflowAsync(client, new JsonObject
        {
            ["name"] = "Note and call",
            ["trigger"] = new JsonObject { ["type"] = "record.created", ["object"] = "contact" },
            ["steps"] = new JsonArray(
                new JsonObject { ["id"] = "note", ["type"] = "add_note", ["text"] = "Welcome {{ record.first_name }}" },
                new JsonObject { ["id"] = "call", ["type"] = "http_request", ["url"] = $"{new Uri(callee.BaseUrl, Calls)}", ["body"] = new JsonObject { ["id"] = "{{ record.id }}" } }),
        }, Ct);
        callee.Add(Calls, [workflow["signing_secret"]!.GetValue<string>()]);
        var source = await client.CreateAsync(new { name = "Sign-ups", preset = "api_key", mapping = Sources.ContactMapping });

        using var instances = new KilledInstances(connectionString, await SettingsAsync(), new Random(seed + 1));
        await instances.StartAsync(3);
        var clock = Stopwatch.StartNew();
        var importId = await UploadAsync(instances.AnyLive()!, key);
        using var watching = new CancellationTokenSource();
        var watch = WatchAsync(workspace, clock, watching.Token);
        var sending = SendContactsAsync(instances, source.Id(), source.Secret(), new Random(seed + 2));
        instances.KillAndRestart(await ImportingInstanceAsync(instances, importId));
        var importKilled = clock.Elapsed;
        for (var i = 0; i < RandomKills; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1000, 4000)), Ct);
            // One always runs: the sender has somewhere to send.
            await Poll.UntilAsync(() => Task.FromResult(instances.Running), n => n >= 2, TimeSpan.FromSeconds(90), n => $"{n} instances run.");
            instances.KillAndRestart();
        }

        var resent = await sending;
        var sent = clock.Elapsed;
        await instances.RestartedAsync();
        var ended = await Poll.UntilAsync(async () =>
        {
            await Task.Delay(250, Ct);
            return await ProgressAsync(workspace);
        }, p => p.Done, TimeSpan.FromSeconds(120),
            p => $"Not done (seed {seed}): {p}");
        await watching.CancelAsync();
        await watch;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Seed {seed}: the import's instance killed at {importKilled.TotalSeconds:N1} s, then {instances.Kills.Count - 1} more; " +
            $"all sent at {sent.TotalSeconds:N1} s ({resent} sends cut off by a kill and sent again); all done at {clock.Elapsed.TotalSeconds:N1} s: {ended}. " +
            $"Webhook POSTs {receiver.Received} ({receiver.Repeats.Count} repeats), calls {callee.Received} ({callee.Repeats.Count} repeats).");

        await AssertImportedOnceAsync(workspace, importId);
        await AssertInboundProcessedOnceAsync(workspace);
        await AssertDeliveredOnceAsync(workspace);
        await AssertStepsRunOnceAsync(workspace);
        Assert.Equal(0, receiver.BadSignatures);
        Assert.All(callee.Requests, c => Assert.True(c.StandardSignatureValid && c.Headers["Idempotency-Key"] == c.WebhookId, $"{c.WebhookId}: bad signature or key."));
        // Sent again only when a kill came between: an instance killed after the receiver had its POST and before the
        // answer was written. A live instance sending twice would also have logged two attempts (asserted above).
        var kills = instances.Kills;
        // A POST on the wire when its sender died is handled a moment later: the first arrival may follow the kill by that.
        var onTheWire = Stopwatch.Frequency;
        Assert.All(receiver.Repeats.Concat(callee.Repeats), r => Assert.True(kills.Any(k => r.FirstAt <= k + onTheWire && k < r.At),
            $"{r.Key} arrived again {Stopwatch.GetElapsedTime(r.FirstAt, r.At).TotalSeconds:N1} s after its first arrival, with no kill between (seed {seed})."));
    }

    private async Task<Dictionary<string, string>> SettingsAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = await RedisServer.ConnectionStringAsync(),
            ["Sentinel:Imports:Folder"] = uploads,
            ["Sentinel:Inbound:RequestsPerMinute"] = "100000",
            // A killed instance's claims come back to the others after these. A live instance's POST and the write of
            // its answer must fit in the delivery's lease even on a loaded machine; a run's lease is renewed as it runs.
            ["Sentinel:Webhooks:LeaseSeconds"] = "15",
            ["Sentinel:Automation:LeaseSeconds"] = "10",
            ["Sentinel:Hangfire:InvisibilityTimeout"] = "00:00:10",
            // More, smaller chunks: the import lasts long enough to be killed in the middle.
            ["Sentinel:Imports:ChunkSize"] = "200",
        };
        foreach (var (name, value) in LocalReceiver.Settings)
        {
            settings[name] = value!;
        }

        return settings;
    }

    private async Task<string> UploadAsync(AppProcess instance, string key)
    {
        var csv = new StringBuilder("name,domain\n");
        for (var i = 0; i < Accounts; i++)
        {
            csv.Append($"Account {i},account{i}.kill.test\n");
        }

        using var http = new HttpClient { BaseAddress = instance.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.PostAsync(csv.ToString(), objectType: "account", fileName: "accounts.csv");
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    /// <summary>The instance running the import, once it has stored some chunks and not all.</summary>
    private async Task<AppProcess> ImportingInstanceAsync(KilledInstances instances, string importId)
    {
        var id = ParseId(IdPrefixes.Import, importId);
        var (server, processed) = await Poll.UntilAsync(async () =>
        {
            var row = await Sql.RowAsync(connectionString,
                """
                SELECT coalesce(max(s.data::json->>'ServerId'), ''), coalesce(max(i.rows_processed), 0)
                FROM import_jobs i JOIN hangfire.job j ON j.id = i.background_job_id::bigint JOIN hangfire.state s ON s.id = j.stateid
                WHERE i.id = $1 AND i.status = 'Processing' AND s.name = 'Processing'
                """, id);
            return ((string)row[0]!, (int)row[1]!);
        }, r => r.Item2 > 0, TimeSpan.FromSeconds(60), r => "The import did not start storing rows.");
        Assert.True(processed < Accounts, "The import finished before it could be killed; the test would prove nothing.");
        // Hangfire names its server host:pid:guid.
        var pid = int.Parse(ServerPid().Match(server).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return instances.WithId(pid) ?? throw new InvalidOperationException($"No running instance is Hangfire server {server}.");
    }

    /// <summary>Sends each contact once to a random instance, and again to another when a kill cut the send off; how many
    /// were sent again.</summary>
    private async Task<int> SendContactsAsync(KilledInstances instances, string sourceId, string secret, Random random)
    {
        var resent = 0;
        var pauses = Enumerable.Range(0, Contacts).Select(_ => random.Next(100, 300)).ToArray();
        await Parallel.ForAsync(0, Contacts, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (i, ct) =>
        {
            // Spread over the kills: 300 × 200 ms / 4 is 15 s, and more on a busy machine.
            await Task.Delay(pauses[i], ct);
            var body = $$"""{"email":"person{{i}}@kill.test","name":"Person {{i}}"}""";
            for (var tries = 0; ; tries++)
            {
                if (instances.AnyLive() is not { } instance)
                {
                    await Task.Delay(100, ct);
                    continue;
                }

                try
                {
                    using var http = new HttpClient { BaseAddress = instance.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/inbound/{sourceId}")
                    {
                        Content = new StringContent(body, Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Add("X-Api-Key", secret);
                    using var response = await http.SendAsync(request, ct);
                    Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
                    return;
                }
                catch (HttpRequestException) when (tries < 20)
                {
                    Interlocked.Increment(ref resent);
                }
            }
        });
        return resent;
    }

    /// <summary>Writes where the load is every five seconds, for a failure's story (from the upload on: the import's row is
    /// there).</summary>
    private async Task WatchAsync(Guid workspace, Stopwatch clock, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), stop).ContinueWith(_ => { }, TaskScheduler.Default);
            TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed.TotalSeconds,5:N0} s: {await ProgressAsync(workspace)}");
        }
    }

    private async Task<LoadProgress> ProgressAsync(Guid workspace)
    {
        var row = await Sql.RowAsync(connectionString,
            """
            SELECT (SELECT status FROM import_jobs WHERE workspace_id = $1),
                   (SELECT rows_processed FROM import_jobs WHERE workspace_id = $1),
                   (SELECT count(*) FROM inbound_requests WHERE workspace_id = $1 AND status <> 'Received'),
                   (SELECT count(*) FROM workflow_runs WHERE workspace_id = $1 AND status IN ('succeeded', 'failed', 'stopped')),
                   (SELECT count(*) FROM webhook_deliveries WHERE workspace_id = $1 AND status = 'Delivered')
            """, workspace);
        return new LoadProgress((string?)row[0], (int)row[1]!, (long)row[2]!, (long)row[3]!, (long)row[4]!);
    }

    private async Task AssertImportedOnceAsync(Guid workspace, string importId)
    {
        var job = await Sql.RowAsync(connectionString, "SELECT status, runs, rows_total, rows_processed, rows_succeeded, rows_failed FROM import_jobs WHERE id = $1",
            ParseId(IdPrefixes.Import, importId));
        Assert.Equal("Completed", job[0]);
        Assert.True((int)job[1]! >= 2, $"The import ran {job[1]} time(s): the kill did not interrupt it.");
        Assert.Equal([Accounts, Accounts, Accounts, 0], job.Skip(2).Select(Convert.ToInt32));
        Assert.Equal(Accounts, await Sql.ScalarAsync<long>(connectionString, "SELECT count(DISTINCT name) FROM accounts WHERE workspace_id = $1", workspace));
        Assert.Equal(Accounts, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM accounts WHERE workspace_id = $1", workspace));
        Assert.Equal(Accounts, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM events WHERE workspace_id = $1 AND type = 'account.created'", workspace));
        Assert.Equal(Accounts, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM audit_entries WHERE workspace_id = $1 AND object_type = 'account'", workspace));
    }

    private async Task AssertInboundProcessedOnceAsync(Guid workspace)
    {
        // A send repeated after a kill is the same body: stored once. Processing counts its attempt in the transaction
        // that writes the record, so a request processed twice would show two.
        var requests = await Sql.RowAsync(connectionString, 
            "SELECT count(*), count(*) FILTER (WHERE status = 'Processed' AND attempts = 1) FROM inbound_requests WHERE workspace_id = $1", workspace);
        Assert.Equal([Contacts, Contacts], requests.Select(Convert.ToInt32));
        Assert.Equal(Contacts, await Sql.ScalarAsync<long>(connectionString, "SELECT count(DISTINCT email) FROM contacts WHERE workspace_id = $1", workspace));
        Assert.Equal(Contacts, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM contacts WHERE workspace_id = $1", workspace));
        Assert.Equal(Contacts, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM events WHERE workspace_id = $1 AND type = 'contact.created'", workspace));
        Assert.Equal(0, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM events WHERE workspace_id = $1 AND type = 'contact.updated'", workspace));
    }

    private async Task AssertDeliveredOnceAsync(Guid workspace)
    {
        var events = await Sql.ColumnAsync<Guid>(connectionString, "SELECT id FROM events WHERE workspace_id = $1 AND type IN ('account.created', 'contact.created')", workspace);
        var expected = events.Select(e => $"{Hooks}|{PublicId.Format(IdPrefixes.Event, e)}").ToList();
        Assert.Equal(Accounts + Contacts, expected.Count);
        var missing = expected.Where(e => !receiver.FirstArrivals.ContainsKey(e)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} events never reached the webhook, e.g. {missing.FirstOrDefault()}.");
        var deliveries = await Sql.RowAsync(connectionString, 
            """
            SELECT count(*), count(*) FILTER (WHERE d.status = 'Delivered'),
                   count(*) FILTER (WHERE (SELECT count(*) FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id) = 1)
            FROM webhook_deliveries d WHERE d.workspace_id = $1
            """, workspace);
        Assert.Equal([expected.Count, expected.Count, expected.Count], deliveries.Select(Convert.ToInt32));
    }

    private async Task AssertStepsRunOnceAsync(Guid workspace)
    {
        var runs = await Sql.ColumnAsync<Guid>(connectionString, "SELECT id FROM workflow_runs WHERE workspace_id = $1 AND status = 'succeeded'", workspace);
        Assert.Equal(Contacts, runs.Count);
        Assert.Equal(Contacts, await Sql.ScalarAsync<long>(connectionString, "SELECT count(DISTINCT record_id) FROM workflow_runs WHERE workspace_id = $1", workspace));
        var steps = await Sql.RowAsync(connectionString, 
            "SELECT count(*), count(*) FILTER (WHERE status = 'succeeded' AND attempt = 1), count(DISTINCT (run_id, step_id)) FROM workflow_step_runs WHERE workspace_id = $1",
            workspace);
        Assert.Equal([2 * Contacts, 2 * Contacts, 2 * Contacts], steps.Select(Convert.ToInt32));
        Assert.Equal(Contacts, await Sql.ScalarAsync<long>(connectionString, 
            "SELECT count(DISTINCT contact_id) FROM activities WHERE workspace_id = $1 AND kind = 'note'", workspace));
        Assert.Equal(Contacts, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM activities WHERE workspace_id = $1 AND kind = 'note'", workspace));
        var missing = runs.Where(r => !callee.FirstArrivals.ContainsKey($"{Calls}|{PublicId.Format(IdPrefixes.WorkflowRun, r)}:call:1")).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} runs' calls never arrived, e.g. {missing.FirstOrDefault()}.");
    }

    private static Guid ParseId(string prefix, string id) =>
        PublicId.TryParse(prefix, id, out var parsed) ? parsed : throw new FormatException($"Not a {prefix} id: {id}");

    [GeneratedRegex(@"^[^:]+:(\d+):")]
    private static partial Regex ServerPid();

    /// <summary>What the load has come to; done when every part of it has ended.</summary>
    private sealed record LoadProgress(string? Import, long Imported, long InboundEnded, long RunsEnded, long Delivered)
    {
        public bool Done => Import == "Completed" && InboundEnded == Contacts && RunsEnded == Contacts && Delivered == Accounts + Contacts;
    }
}
