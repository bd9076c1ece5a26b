using System.Globalization;
using Integrations.Testing;

namespace Integrations.Benchmarks;

/// <summary>
/// Scale-out: the same webhook backlog and the same imports done by one app instance and by two, each a real child
/// process (<see cref="AppProcess"/>) over one Postgres, in rounds of 1, 2, 2, 1… instances, each round on a new
/// database arranged by an in-process app that does no work of its own. On a machine whose cores all instances share,
/// the goal is no loss of throughput and no work done twice, not a speed-up.
/// </summary>
internal static class InstancesBenchmark
{
    private const int DefaultRows = 25_000;

    public static async Task RunAsync(BenchOptions options)
    {
        var rows = options.GivenRows?[0] ?? DefaultRows;
        var folder = Directory.CreateTempSubdirectory("bench-instances-");
        using var csv = ContactsCsv.Write(rows);
        using var warmUp = ContactsCsv.Write(Math.Max(BenchOptions.MinWarmup, rows / 5));
        await using var receiver = await WebhookReceiver.StartAsync(keepRequests: false);
        var limits = new Dictionary<string, string>
        {
            ["Sentinel:Imports:Folder"] = folder.FullName,
            ["Sentinel:Plans:Scale:ImportRows"] = rows.ToString(CultureInfo.InvariantCulture),
            ["Sentinel:Plans:Scale:MaxRecords"] = "1000000000",
        };
        var arranging = new Dictionary<string, string?>(limits!)
        {
            ["Sentinel:Webhooks:Dispatcher"] = "false",
            ["Sentinel:Automation:Executor"] = "false",
            // Each round's new database gets a new key ring, and each new key ring says it is stored unencrypted.
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.DataProtection"] = "Error",
        };
        var instances = new Dictionary<string, string>(limits)
        {
            ["Sentinel:Outbound:AllowHttp"] = "true",
            ["Sentinel:Outbound:AllowedPrivateHosts:0"] = "127.0.0.1",
        };
        var order = Enumerable.Range(0, options.Rounds).Select(r => (r + (r / 2)) % 2 == 0 ? 1 : 2).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Instances benchmark: app instances as child processes on one Postgres, {Environment.ProcessorCount} cores shared by all, rounds of {string.Join(", ", order)} instances, load average {LoadAverage()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  deliveries: {WebhookBenchmark.Endpoints} endpoints on one loopback receiver, a backlog of {options.Events:N0} events ({options.Events * WebhookBenchmark.Endpoints:N0} deliveries) after a warm-up; " +
            $"imports: {InstanceImports.Files} contact files of {rows:N0} rows (upsert, a workspace each) after {InstanceImports.Files} of {warmUp.Rows:N0}"));

        var results = new List<(DeliveryFigures Deliveries, ImportFigures Imports)>();
        for (var round = 0; round < order.Length; round++)
        {
            await using var app = new BenchApp(settings: arranging);
            await app.InitializeAsync();
            var deliveries = await InstanceDeliveries.RunAsync(app, receiver, order[round], instances, options.Events, $"r{round}");
            Console.WriteLine($"round {round + 1}, {Instances(order[round])}:");
            Console.WriteLine($"  {deliveries}");
            var imports = await InstanceImports.RunAsync(app, warmUp, csv, order[round], instances);
            Console.WriteLine($"  {imports}");
            results.Add((deliveries, imports));
        }

        Console.WriteLine();
        foreach (var count in new[] { 1, 2 })
        {
            var of = results.Where(r => r.Deliveries.Instances == count).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Instances(count),-13}  deliveries/s {Rates(of.Select(r => r.Deliveries.PerSecond))}   import rows/s {Rates(of.Select(r => r.Imports.PerSecond))}"));
        }

        foreach (var count in new[] { 1, 2 })
        {
            var of = results.Where(r => r.Deliveries.Instances == count).Select(r => r.Deliveries).ToList();
            Console.WriteLine(of.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
                $"{Instances(count),-13}  per delivery: CPU instances {of.Average(d => d.CpuPerDelivery.App):F0} µs + Postgres {of.Average(d => d.CpuPerDelivery.Database):F0} µs, " +
                $"{of.Average(d => (double)d.Commits / d.Backlog):F3} transactions"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"two / one      deliveries {Ratio(results.Select(r => (r.Deliveries.Instances, r.Deliveries.PerSecond))):P1}, imports {Ratio(results.Select(r => (r.Imports.Instances, r.Imports.PerSecond))):P1}"));
        Console.WriteLine(results.All(r => r.Deliveries.Clean && r.Imports.Clean)
            ? "double work   none: every delivery arrived once, signed right, delivered in one logged attempt; every import job ran once, each row stored once"
            : "double work   FOUND, or work missing: see the rounds above");
        Console.WriteLine($"load average {LoadAverage()}");
        folder.Delete(recursive: true);
    }

    private static string Instances(int count) => count == 1 ? "one instance" : "two instances";

    private static string Rates(IEnumerable<double> rates)
    {
        var list = rates.ToList();
        return list.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", list.Select(r => r.ToString("N0", CultureInfo.InvariantCulture))),-16} (mean {list.Average():N0})");
    }

    /// <summary>The mean rate with two instances over the mean with one.</summary>
    private static double Ratio(IEnumerable<(int Instances, double Rate)> rates)
    {
        var list = rates.ToList();
        return list.Where(r => r.Instances == 2).Select(r => r.Rate).DefaultIfEmpty(double.NaN).Average()
            / list.Where(r => r.Instances == 1).Select(r => r.Rate).DefaultIfEmpty(double.NaN).Average();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
