using System.Diagnostics;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Integrations.Platform.Signing;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks;

/// <summary>
/// Webhook deliveries by app instances in child processes: the endpoints of <see cref="WebhookBenchmark"/> on the
/// shared receiver, subscribed in a new workspace by the arranging app (whose dispatcher is off). Once every instance is
/// live, a warm-up of <see cref="WarmUpEvents"/> events is delivered, then a backlog committed in one transaction, so
/// every instance's dispatcher sees all of it at once; timed from the commit to the backlog's last first arrival, with the
/// CPU time the instances and Postgres spent meanwhile, and the transactions committed.
/// </summary>
internal static class InstanceDeliveries
{
    /// <summary>50,000 deliveries. With 1,000 (until 2026-12-05) the instances were still compiling the hot path's
    /// optimized code during the timed backlog, each instance its own: one instance's CPU per delivery fell from ~97 µs to
    /// ~60 µs with this warm-up, and two instances' from ~191 µs to ~75 µs.</summary>
    private const int WarmUpEvents = 5_000;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    public static async Task<DeliveryFigures> RunAsync(BenchApp app, WebhookReceiver receiver, int count,
        IReadOnlyDictionary<string, string> settings, int events, string tag)
    {
        var secrets = Enumerable.Range(0, WebhookBenchmark.Endpoints).Select(_ => StandardWebhooks.NewSecret()).ToArray();
        var endpoints = secrets.Select((_, i) => $"{tag}e{i}").ToArray();
        var workspace = await WebhookBenchmark.SubscribeAsync(app, endpoints.Select((e, i) => receiver.Add(e, [secrets[i]])).ToArray(), secrets);
        var badSignatures = receiver.BadSignatures;
        await using var instances = await AppInstances.StartAsync(app.ConnectionString, count, settings);

        var warmUp = await PublishAsync(app, workspace, WarmUpEvents, endpoints);
        var missing = (await ArrivedAsync(receiver, warmUp)).Missing;
        var backlog = await PublishAsync(app, workspace, events, endpoints);
        var committed = Stopwatch.GetTimestamp();
        var (cpu, database) = (instances.ProcessorTimes(), await PostgresWork.ReadAsync(app.ConnectionString));
        var (last, missed) = await ArrivedAsync(receiver, backlog);
        cpu = instances.ProcessorTimes().Zip(cpu, (after, before) => after - before).ToArray();
        var drained = await PostgresWork.ReadAsync(app.ConnectionString);

        // Stopped only once every result is written: a delivery left pending would be sent again by the next instances.
        var expected = warmUp.Length + backlog.Length;
        var (delivered, attempts) = await StoredAsync(app.ConnectionString, expected, instances);
        var repeats = receiver.Repeats.Count(r => r.Key.StartsWith($"{tag}e", StringComparison.Ordinal));
        return new DeliveryFigures(count, backlog.Length, Stopwatch.GetElapsedTime(committed, last), missing + missed,
            repeats, receiver.BadSignatures - badSignatures, expected, delivered, attempts, cpu, drained.Cpu - database.Cpu, drained.Commits - database.Commits);
    }

    /// <summary>Appends <paramref name="count"/> events in one transaction (the fan-out writes each endpoint's delivery in
    /// it); the <c>endpoint|webhook-id</c> each delivery arrives as.</summary>
    private static async Task<string[]> PublishAsync(BenchApp app, Guid workspace, int count, string[] endpoints)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var log = scope.ServiceProvider.GetRequiredService<Platform.Events.EventLog>();
        var type = EventCatalog.Find(WebhookBenchmark.EventType)!;
        Utf8Json data = WebhookBenchmark.Data;
        var ids = new List<Guid>(count);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            foreach (var batch in Enumerable.Range(0, count).Chunk(1_000))
            {
                var appended = await log.AppendAsync(batch.Select(_ => new EventRecord(type, data)).ToList(), CancellationToken.None);
                ids.AddRange(appended.Select(e => e.Id));
            }

            await transaction.CommitAsync();
        }

        return endpoints.SelectMany(e => ids.Select(id => $"{e}|{PublicId.Format(IdPrefixes.Event, id)}")).ToArray();
    }

    /// <summary>Waits until every key arrived, or nothing arrived for <see cref="Idle"/>: the last first arrival
    /// (a Stopwatch timestamp) and how many never came.</summary>
    private static async Task<(long Last, int Missing)> ArrivedAsync(WebhookReceiver receiver, string[] keys)
    {
        var idle = Stopwatch.StartNew();
        var received = receiver.Received;
        while (!keys.All(receiver.FirstArrivals.ContainsKey) && idle.Elapsed < Idle)
        {
            await Task.Delay(20);
            if (receiver.Received != received)
            {
                received = receiver.Received;
                idle.Restart();
            }
        }

        var arrivals = keys.Where(receiver.FirstArrivals.ContainsKey).Select(k => receiver.FirstArrivals[k]).ToList();
        return (arrivals.Count > 0 ? arrivals.Max() : Stopwatch.GetTimestamp(), keys.Length - arrivals.Count);
    }

    /// <summary>Waits (10 s at most) until the instances have written every delivery's result; delivered and attempts.</summary>
    private static async Task<(long Delivered, long Attempts)> StoredAsync(string connectionString, long expected, AppInstances instances)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            instances.ThrowIfExited();
            var counts = await WebhookBenchmark.CountAsync(connectionString);
            if (counts.Delivered >= expected || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                return counts;
            }

            await Task.Delay(100);
        }
    }
}
