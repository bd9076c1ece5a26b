using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.ApiKeys.Keys;
using Integrations.Platform.Callers;
using Integrations.Platform.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integrations.Benchmarks;

/// <summary>
/// Workflow executions end to end: <c>invoice.paid</c> events published through <c>POST /api/v1/events</c> start runs of
/// one enabled two-step workflow (an <c>if</c> on the amount, then a signed <c>http_request</c> to a loopback receiver),
/// matched in the events' transaction and run by the executor. Measures sustained executions/s (POSTs that arrived,
/// signatures checked) and trigger → action latency at a fixed rate of triggers.
/// </summary>
internal static class WorkflowBenchmark
{
    private const int Backlog = 5_000;
    private const int Publishers = 4;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(BenchOptions options)
    {
        await using var receiver = await SequenceReceiver.StartAsync();
        await using var app = new BenchApp(settings: new Dictionary<string, string?>
        {
            ["Sentinel:Outbound:AllowHttp"] = "true",
            ["Sentinel:Outbound:AllowedPrivateHosts:0"] = "127.0.0.1",
        });
        await app.InitializeAsync();
        using var client = await ClientAsync(app);
        receiver.Secret = await CreateWorkflowAsync(client, receiver.Url);
        Console.WriteLine($"Workflow benchmark: invoice.paid → if amount > 100 → signed POST to a loopback receiver, {Environment.ProcessorCount} cores, app and load in one process");

        long sequence = 0;
        sequence = await FloodAsync(client, receiver, sequence, Warmup); // until the hot paths are jitted at their final tier
        await DrainAsync(receiver, sequence);

        var start = receiver.Received;
        var clock = Stopwatch.StartNew();
        var before = sequence;
        sequence = await FloodAsync(client, receiver, sequence, TimeSpan.FromSeconds(options.Seconds));
        var sustained = (receiver.Received - start) / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sustained  {sustained,8:F0} executions/s over {clock.Elapsed.TotalSeconds:F0}s ({sequence - before} triggers published)"));
        await DrainAsync(receiver, sequence);

        var rate = options.Rate;
        var sent = new ConcurrentDictionary<long, long>();
        var latencyFrom = sequence;
        var window = TimeSpan.FromSeconds(Math.Min(options.Seconds, 20));
        sequence = await PaceAsync(client, sequence, window, batch: 10, pace: TimeSpan.FromSeconds(10.0 / rate), sent);
        await DrainAsync(receiver, sequence);
        var latencies = sent.Where(s => receiver.Arrivals.ContainsKey(s.Key))
            .Select(s => Stopwatch.GetElapsedTime(s.Value, receiver.Arrivals[s.Key]).TotalMilliseconds).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency    at {(sequence - latencyFrom) / window.TotalSeconds:F0} triggers/s: p50 {Percentile(latencies, 50):F1} ms  p99 {Percentile(latencies, 99):F1} ms  " +
            $"max {(latencies.Length > 0 ? latencies[^1] : double.NaN):F1} ms ({latencies.Length} of {sent.Count} arrived)"));

        Console.WriteLine($"breakdown  {await BreakdownAsync(app)}");
        var counts = await CountAsync(app);
        Console.WriteLine($"database   runs {counts}; receiver got {receiver.Received} POSTs for {sequence} triggers, " +
            $"bad signatures {receiver.BadSignatures}, idempotency keys seen twice {receiver.RepeatedKeys}");
    }

    private static async Task<HttpClient> ClientAsync(BenchApp app)
    {
        await using var scope = app.Scope();
        var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().CreateAsync("Workflow bench", Plan.Scale, CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace.Id);
        var issued = await scope.ServiceProvider.GetRequiredService<KeyRing>()
            .IssueAsync(new NewApiKey("workflow bench", ["events:publish", "workflows:read", "workflows:write"], null), CancellationToken.None);
        return new HttpClient { BaseAddress = app.BaseUrl, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", issued.Key) } };
    }

    /// <summary>Creates and enables the workflow; returns its signing secret.</summary>
    private static async Task<string> CreateWorkflowAsync(HttpClient client, Uri url)
    {
        var workflow = new JsonObject
        {
            ["name"] = "Large invoices to the ledger",
            ["enabled"] = true,
            // The default guard (6,000 runs a minute) would queue most of a sustained load for later minutes: the benchmark lifts it.
            ["settings"] = new JsonObject { ["max_runs_per_minute"] = 600_000 },
            ["trigger"] = new JsonObject { ["type"] = "event", ["event"] = "invoice.paid" },
            ["steps"] = new JsonArray(new JsonObject
            {
                ["id"] = "large",
                ["type"] = "if",
                ["conditions"] = new JsonArray(new JsonObject { ["field"] = "trigger.amount", ["op"] = "greater_than", ["value"] = 100 }),
                ["then"] = new JsonArray(new JsonObject
                {
                    ["id"] = "ledger",
                    ["type"] = "http_request",
                    ["method"] = "POST",
                    ["url"] = url.ToString(),
                    ["headers"] = new JsonObject { ["x-seq"] = "{{ trigger.seq }}" },
                    ["body"] = new JsonObject { ["invoice"] = "{{ trigger.invoice_id }}", ["amount"] = "{{ trigger.amount }}" },
                }),
            }),
        };
        using var response = await client.PostAsJsonAsync("/api/v1/workflows", workflow);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The workflow was refused: {body}");
        }

        return body.GetProperty("signing_secret").GetString()!;
    }

    /// <summary>Publishes numbered events, 100 per request, as fast as the executor keeps up (a bounded backlog), from
    /// <see cref="Publishers"/> clients at once so the publisher is not what is measured; returns the next sequence number.</summary>
    private static async Task<long> FloodAsync(HttpClient client, SequenceReceiver receiver, long sequence, TimeSpan duration)
    {
        const int batch = 100;
        var clock = Stopwatch.StartNew();
        var next = sequence;
        await Task.WhenAll(Enumerable.Range(0, Publishers).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                if (Interlocked.Read(ref next) - receiver.Received > Backlog)
                {
                    await Task.Delay(2);
                    continue;
                }

                await PostAsync(client, Interlocked.Add(ref next, batch) - batch, batch);
            }
        }));

        return next;
    }

    /// <summary>Publishes <paramref name="batch"/> numbered events every <paramref name="pace"/>, each request started on
    /// time whether or not the one before has answered, recording when each event was published.</summary>
    private static async Task<long> PaceAsync(HttpClient client, long sequence, TimeSpan duration, int batch, TimeSpan pace,
        ConcurrentDictionary<long, long> sent)
    {
        var clock = Stopwatch.StartNew();
        var requests = new List<Task>();
        var next = sequence;
        for (var n = 0; pace * n < duration; n++)
        {
            if (pace * n > clock.Elapsed)
            {
                await Task.Delay(pace * n - clock.Elapsed);
            }

            var first = next;
            next += batch;
            var at = Stopwatch.GetTimestamp();
            for (var i = 0; i < batch; i++)
            {
                sent[first + i] = at;
            }

            requests.Add(PostAsync(client, first, batch));
        }

        await Task.WhenAll(requests);
        return next;
    }

    private static async Task PostAsync(HttpClient client, long first, int batch)
    {
        var events = string.Join(",", Enumerable.Range(0, batch).Select(i =>
            $"{{\"event\":\"invoice.paid\",\"data\":{{\"invoice_id\":\"inv_{first + i}\",\"amount\":4200.0,\"currency\":\"USD\",\"seq\":{first + i}}}}}"));
        using var response = await client.PostAsync("/api/v1/events", new StringContent($"{{\"events\":[{events}]}}", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Until every trigger's POST arrived, or nothing arrived for 5 s.</summary>
    private static async Task DrainAsync(SequenceReceiver receiver, long expected)
    {
        var idle = Stopwatch.StartNew();
        var last = receiver.Received;
        while (receiver.Received < expected && idle.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(100);
            if (receiver.Received != last)
            {
                last = receiver.Received;
                idle.Restart();
            }
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];

    /// <summary>Where a run's time goes: waiting to be claimed, and each step type's own duration (averages).</summary>
    private static async Task<string> BreakdownAsync(BenchApp app)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT 'queued before its first step' AS part, avg(extract(epoch FROM s.started_at - r.created_at) * 1000)
            FROM workflow_runs r JOIN LATERAL (SELECT min(started_at) AS started_at FROM workflow_step_runs WHERE run_id = r.id) s ON true
            UNION ALL
            SELECT 'step ' || step_type, avg(duration_ms) FROM workflow_step_runs GROUP BY step_type
            UNION ALL
            SELECT 'created to finished', avg(extract(epoch FROM finished_at - created_at) * 1000) FROM workflow_runs WHERE finished_at IS NOT NULL
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync())
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)} {(reader.IsDBNull(1) ? double.NaN : Convert.ToDouble(reader.GetValue(1), CultureInfo.InvariantCulture)):F1} ms"));
        }

        return string.Join(", ", parts);
    }

    private static async Task<string> CountAsync(BenchApp app)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, count(*) FROM workflow_runs GROUP BY status ORDER BY status", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var parts = new List<string>();
        while (await reader.ReadAsync())
        {
            parts.Add($"{reader.GetString(0)} {reader.GetInt64(1)}");
        }

        return string.Join(", ", parts);
    }
}
