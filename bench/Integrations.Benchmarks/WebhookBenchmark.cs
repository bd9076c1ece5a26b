using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Integrations.ApiKeys.Keys;
using System.Globalization;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Signing;
using Integrations.Platform.Workspaces;
using Integrations.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integrations.Benchmarks;

/// <summary>
/// Webhook delivery end to end: events published through <c>POST /api/v1/events</c> (100 per request at most, as
/// the API allows), fanned out to 10 endpoints on a local Kestrel receiver that verifies both signatures of every POST,
/// every attempt logged. Measures sustained deliveries/s, publish-to-receive latency at a fixed event rate, and the
/// same POSTs from a bare HttpClient to the same receiver: the ceiling on this machine.
/// </summary>
internal static class WebhookBenchmark
{
    internal const int Endpoints = 10;
    private const int Backlog = 20_000;
    internal const string EventType = "invoice.paid";
    internal const string Data = """{"invoice_id":"inv_1042","customer_id":"cus_77","amount":4200.0,"currency":"USD","paid_at":"2026-05-15T10:05:00Z"}""";

    public static async Task RunAsync(BenchOptions options)
    {
        await using var receiver = await WebhookReceiver.StartAsync(keepRequests: false);
        await using var app = new BenchApp(settings: new Dictionary<string, string?>
        {
            ["Sentinel:Outbound:AllowHttp"] = "true",
            ["Sentinel:Outbound:AllowedPrivateHosts:0"] = "127.0.0.1",
        });
        await app.InitializeAsync();
        var secrets = Enumerable.Range(0, Endpoints).Select(_ => StandardWebhooks.NewSecret()).ToArray();
        var urls = secrets.Select((s, i) => receiver.Add($"e{i}", [s])).ToArray();
        var workspace = await SubscribeAsync(app, urls, secrets);
        using var publisher = await PublisherAsync(app, workspace);
        Console.WriteLine($"Webhook benchmark: {Endpoints} endpoints on one loopback receiver verifying every signature, {Environment.ProcessorCount} cores");

        var storage = await StorageUse.StartAsync(app.ConnectionString);
        await PublishAsync(publisher, 100, TimeSpan.FromSeconds(5), receiver, null); // warm-up
        await DrainAsync(receiver, 0);

        var duration = TimeSpan.FromSeconds(options.Seconds);
        var start = receiver.Received;
        var clock = Stopwatch.StartNew();
        var published = await PublishAsync(publisher, 100, duration, receiver, null);
        var sustained = (receiver.Received - start) / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sustained  {sustained,8:F0} deliveries/s over {clock.Elapsed.TotalSeconds:F0}s ({published} events published, bad signatures {receiver.BadSignatures})"));
        // The latency run starts on an empty queue.
        await DrainAsync(receiver, start + (published * Endpoints));

        var latency = TimeSpan.FromSeconds(Math.Min(options.Seconds, 20));
        var sent = new Dictionary<string, long>();
        var before = receiver.Received;
        var latencyEvents = await PublishAsync(publisher, options.Rate / 100, latency, receiver, sent, pace: TimeSpan.FromMilliseconds(10));
        await DrainAsync(receiver, before + (latencyEvents * Endpoints));
        var latencies = LatenciesMs(receiver, sent);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency    at {latencyEvents / latency.TotalSeconds:F0} events/s ({latencyEvents / latency.TotalSeconds * Endpoints:F0} deliveries/s): " +
            $"p50 {Percentile(latencies, 50):F1} ms  p99 {Percentile(latencies, 99):F1} ms  max {latencies[^1]:F1} ms ({latencies.Length} deliveries)"));

        var bare = await BareHttpClient.RunAsync(urls, secrets, options.Concurrency, TimeSpan.FromSeconds(Math.Min(options.Seconds, 20)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ceiling    {bare,8:F0} POSTs/s from a bare HttpClient ({options.Concurrency} concurrent) to the same receiver"));

        var (delivered, attempts) = await CountAsync(app.ConnectionString);
        Console.WriteLine($"database   {delivered} deliveries delivered, {attempts} attempts logged, bad signatures {receiver.BadSignatures}");
        await storage.ReportAsync(delivered);
    }

    internal static async Task<Guid> SubscribeAsync(BenchApp app, Uri[] urls, string[] secrets)
    {
        await using var scope = app.Scope();
        var services = scope.ServiceProvider;
        var workspace = await services.GetRequiredService<WorkspaceDirectory>().CreateAsync("Webhook bench", Plan.Scale, CancellationToken.None);
        var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Sentinel.Webhooks.Secrets");
        var db = services.GetRequiredService<IntegrationsDbContext>();
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO webhook_subscriptions (id, workspace_id, name, url, events, status, retry_policy, secret_ciphertext, created_at, updated_at)
            SELECT u.id, @ws, u.name, u.url, ARRAY[@type], 'Active', 'Standard', u.secret, now(), now()
            FROM unnest(@ids, @names, @urls, @secrets) AS u(id, name, url, secret)
            """,
            [
                new NpgsqlParameter("ws", workspace.Id),
                new NpgsqlParameter("type", EventType),
                new NpgsqlParameter("ids", urls.Select(_ => Guid.CreateVersion7()).ToArray()),
                new NpgsqlParameter("names", urls.Select((_, i) => $"bench {i}").ToArray()),
                new NpgsqlParameter("urls", urls.Select(u => u.ToString()).ToArray()),
                new NpgsqlParameter("secrets", secrets.Select(protector.Protect).ToArray()),
            ]);
        return workspace.Id;
    }

    /// <summary>An HTTP client on the app with a key that may publish events in the benchmark's workspace.</summary>
    private static async Task<HttpClient> PublisherAsync(BenchApp app, Guid workspace)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
        var issued = await scope.ServiceProvider.GetRequiredService<KeyRing>()
            .IssueAsync(new NewApiKey("webhook bench", ["events:publish"], null), CancellationToken.None);
        return new HttpClient { BaseAddress = app.BaseUrl, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", issued.Key) } };
    }

    /// <summary>
    /// Publishes events through the API, <paramref name="batch"/> per request: as fast as the dispatcher keeps up
    /// (a bounded backlog), or one request per <paramref name="pace"/>. Records each event's publish time when asked.
    /// </summary>
    private static async Task<long> PublishAsync(HttpClient publisher, int batch, TimeSpan duration, WebhookReceiver receiver,
        Dictionary<string, long>? sent, TimeSpan? pace = null)
    {
        var body = new StringContent(
            $"{{\"events\":[{string.Join(",", Enumerable.Repeat($"{{\"event\":\"{EventType}\",\"data\":{Data}}}", batch))}]}}",
            Encoding.UTF8, "application/json");
        var baseline = receiver.Received;
        long published = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            if (pace is { } every)
            {
                var due = every * (published / batch);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }
            }
            else if ((published * Endpoints) - (receiver.Received - baseline) > Backlog)
            {
                await Task.Delay(2);
                continue;
            }

            var at = Stopwatch.GetTimestamp();
            using var response = await publisher.PostAsync("/api/v1/events", body);
            response.EnsureSuccessStatusCode();
            var events = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("events");
            published += events.GetArrayLength();
            if (sent is not null)
            {
                foreach (var e in events.EnumerateArray())
                {
                    sent[e.GetProperty("id").GetString()!] = at;
                }
            }
        }

        return published;
    }

    private static async Task DrainAsync(WebhookReceiver receiver, long expected)
    {
        var idle = Stopwatch.StartNew();
        var last = receiver.Received;
        // Until the expected count arrived, or nothing arrived for 3 s (the warm-up's count is not known ahead).
        while ((expected == 0 || receiver.Received < expected) && idle.Elapsed < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(100);
            if (receiver.Received != last)
            {
                last = receiver.Received;
                idle.Restart();
            }
        }
    }

    private static double[] LatenciesMs(WebhookReceiver receiver, Dictionary<string, long> sent) =>
        receiver.FirstArrivals
            .Select(a => (Id: a.Key[(a.Key.IndexOf('|', StringComparison.Ordinal) + 1)..], At: a.Value))
            .Where(a => sent.ContainsKey(a.Id))
            .Select(a => Stopwatch.GetElapsedTime(sent[a.Id], a.At).TotalMilliseconds)
            .Order()
            .ToArray();

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];

    internal static async Task<(long Delivered, long Attempts)> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM webhook_deliveries WHERE status = 'Delivered'), (SELECT count(*) FROM webhook_delivery_attempts)",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
