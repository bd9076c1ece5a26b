using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Integrations.ApiKeys.Keys;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Platform.Callers;
using Integrations.Platform.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integrations.Benchmarks;

/// <summary>
/// <c>GET /api/v1/records/contact</c> with a real key against the same request on an identical app whose key
/// handler is a fixed principal (<see cref="FixedPrincipalHandler"/>), in one run, alternating rounds so both see
/// the same machine. Reports throughput, p50/p99 and database transactions per request: equal on both sides means
/// the key check made no database round trip.
/// </summary>
internal static class ApiBenchmark
{
    private const string ApiPath = "/api/v1/records/contact?limit=50";

    public static async Task RunAsync(BenchOptions options)
    {
        await using var app = new BenchApp();
        await using var baseline = new BenchApp(withoutKeyCheck: true);
        await app.InitializeAsync();
        await baseline.InitializeAsync();
        var key = await SeedAsync(app);
        baseline.Services.GetRequiredService<BaselineCaller>().ActIn(await SeedWorkspaceAsync(baseline));
        var duration = TimeSpan.FromSeconds(options.Seconds);
        HttpClient Authenticated() => new() { BaseAddress = app.BaseUrl, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };
        HttpClient Bare() => new() { BaseAddress = baseline.BaseUrl };

        Console.WriteLine($"API overhead benchmark: {options.Concurrency} concurrent clients, {options.Rounds} rounds of {options.Seconds}s per side, {Environment.ProcessorCount} cores");
        await LoadGenerator.RunAsync(Authenticated, ApiPath, options.Concurrency, TimeSpan.FromSeconds(3), new LoadResult("warm-up"));
        await LoadGenerator.RunAsync(Bare, ApiPath, options.Concurrency, TimeSpan.FromSeconds(3), new LoadResult("warm-up"));

        var withKey = new LoadResult("with key check");
        var without = new LoadResult("without");
        // Database transactions per request, read once (the counters need idle pauses to settle).
        var keyTransactions = await TransactionsPerRequestAsync(app, counted =>
            LoadGenerator.RunAsync(Authenticated, ApiPath, options.Concurrency, duration, counted));
        var bareTransactions = await TransactionsPerRequestAsync(baseline, counted =>
            LoadGenerator.RunAsync(Bare, ApiPath, options.Concurrency, duration, counted));

        // Many short rounds, alternating which side goes first (A B, B A, …): the machine's drift and whatever
        // favours a position average out.
        for (var round = 0; round < options.Rounds; round++)
        {
            var first = round % 2 == 0;
            await LoadGenerator.RunAsync(first ? Authenticated : Bare, ApiPath, options.Concurrency, duration, first ? withKey : without);
            await LoadGenerator.RunAsync(first ? Bare : Authenticated, ApiPath, options.Concurrency, duration, first ? without : withKey);
        }

        Print(withKey, keyTransactions);
        Print(without, bareTransactions);
        var ratio = withKey.PerSecond / without.PerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio: {ratio:P1} of the bare throughput; key check + scope check + rate limiter cost {1 - ratio:P1}"));
    }

    private static async Task<string> SeedAsync(BenchApp app)
    {
        var workspace = await SeedWorkspaceAsync(app);
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
        var issued = await scope.ServiceProvider.GetRequiredService<KeyRing>()
            .IssueAsync(new NewApiKey("bench", ["crm:read"], null), CancellationToken.None);
        return issued.Key;
    }

    /// <summary>A Scale workspace with 200 contacts, so a page of 50 is a realistic read.</summary>
    private static async Task<Guid> SeedWorkspaceAsync(BenchApp app)
    {
        await using var scope = app.Scope();
        var services = scope.ServiceProvider;
        var workspace = await services.GetRequiredService<WorkspaceDirectory>().CreateAsync("Bench", Plan.Scale, CancellationToken.None);
        services.GetRequiredService<Caller>().ActAsSystem(workspace.Id);
        var contacts = Enumerable.Range(0, 200).Select(i => new RecordCommand(RecordOperation.Create, null, new JsonObject
        {
            ["first_name"] = $"Bench{i}",
            ["last_name"] = "Contact",
            ["email"] = $"bench{i}@example.com",
            ["job_title"] = "Buyer",
        })).ToList();
        var seeded = await services.GetRequiredService<RecordPipeline>()
            .ApplyAsync(RecordTypes.Contact, contacts, new RecordBatchOptions(), CancellationToken.None);
        return seeded.Succeeded ? workspace.Id : throw new InvalidOperationException("Seeding the benchmark's contacts failed.");
    }

    /// <summary>Committed database transactions per request while <paramref name="load"/> runs.</summary>
    private static async Task<double> TransactionsPerRequestAsync(BenchApp app, Func<LoadResult, Task> load)
    {
        var counted = new LoadResult("count");
        var before = await CommittedAsync(app);
        await load(counted);
        var transactions = await CommittedAsync(app) - before - 1; // the first reading's own transaction
        return (double)transactions / Math.Max(1, counted.Requests + counted.Failures);
    }

    private static async Task<long> CommittedAsync(BenchApp app)
    {
        // Backends publish their counters about once a second; wait so each reading is complete.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void Print(LoadResult result, double transactionsPerRequest) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{result.Name,-16} {result.PerSecond,9:F0} req/s   p50 {result.Percentile(50),6:F2} ms   p99 {result.Percentile(99),6:F2} ms   " +
        $"errors {result.Failures}   db transactions/request {transactionsPerRequest:F2}"));
}
