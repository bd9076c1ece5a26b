using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json.Nodes;
using Integrations.Automation.Workflows;
using Integrations.Crm.Schema;
using Integrations.Imports.Jobs;
using Integrations.Imports.Running;
using Integrations.Platform.Callers;
using Integrations.Platform.Ids;
using Integrations.Platform.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integrations.Benchmarks;

/// <summary>
/// Contact imports through the full pipeline (validation, upsert, audit, events) against a raw binary COPY of the same
/// rows into the same table, and against <see cref="StorageFloor"/> (the rows an import stores, stored with nothing
/// else), in one run. The file is checked and stored by <see cref="ImportJobs.StartAsync"/>, then
/// <see cref="ImportJobRunner.RunAsync"/> is timed directly (Hangfire's server is off in <see cref="BenchApp"/>).
/// </summary>
internal static class ImportBenchmark
{
    public static async Task RunAsync(BenchOptions options)
    {
        var mode = options.Mode == "create" ? ImportMode.CreateOnly : ImportMode.Upsert;
        var folder = Directory.CreateTempSubdirectory("bench-imports-");
        var limit = Math.Max(options.Warmup, options.Rows.Max());
        await using var app = new BenchApp(settings: new Dictionary<string, string?>
        {
            ["Sentinel:Plans:Scale:ImportRows"] = limit.ToString(CultureInfo.InvariantCulture),
            ["Sentinel:Plans:Scale:MaxRecords"] = "1000000000",
            ["Sentinel:Imports:Folder"] = folder.FullName,
            // With --workflow the runs an import starts are written, not executed: the figure is the cost of matching.
            ["Sentinel:Automation:Executor"] = "false",
        });
        await app.InitializeAsync();
        Console.WriteLine($"Import benchmark: contacts, {mode} mode, {Environment.ProcessorCount} cores, app and benchmark in one process");

        await WarmUpAsync(app, options, mode);

        var results = new List<ImportResult>();
        foreach (var rows in options.Rows)
        {
            using var csv = ContactsCsv.Write(rows);
            var (start, processing, memory, workspace) = await ImportAsync(app, csv, mode);
            if (options.Reimport && mode == ImportMode.Upsert)
            {
                await ReimportAsync(app, rows, workspace);
            }

            if (options.Workflow)
            {
                await WithWorkflowAsync(app, csv, mode, processing);
            }

            var copy = await RawCopy.RunAsync(app.ConnectionString, await NewWorkspaceAsync(app, "Copy bench"), csv);
            var floor = await StorageFloor.RunAsync(app.ConnectionString, await NewWorkspaceAsync(app, "Storage bench"), csv);
            var result = new ImportResult(rows, start, processing, copy, floor, memory.PeakWorkingSet, memory.PeakManagedHeap, memory.StartWorkingSet);
            results.Add(result);
            ImportResult.PrintHeader();
            result.Print();
        }

        Console.WriteLine();
        ImportResult.PrintHeader();
        results.ForEach(r => r.Print());
        folder.Delete(recursive: true);
    }

    /// <summary>The same contacts again, each with its job title changed, into the workspace that holds them: every row
    /// is an update found by email among all the workspace's records.</summary>
    private static async Task ReimportAsync(BenchApp app, int rows, Guid workspace)
    {
        using var changed = ContactsCsv.Write(rows, variant: 1);
        var (_, processing, memory, _) = await ImportAsync(app, changed, ImportMode.Upsert, workspace);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Re-import of {rows:N0} rows, each updating a stored contact: {processing.TotalSeconds:F2}s, "
            + $"{rows / processing.TotalSeconds:N0} rows/s, peak working set {ImportResult.Megabytes(memory.PeakWorkingSet):F0} MB"));
    }

    /// <summary>
    /// Imports until the runtime has compiled the optimized code of everything an import runs, as in a server that has
    /// run imports before: it compiles a method again, optimized, only after the method has run a while, and during a
    /// first import after start that takes a core of its own for several seconds while the rest runs unoptimized.
    /// <c>--warmup 1000</c> stops after one small import and so measures that first import.
    /// </summary>
    private static async Task WarmUpAsync(BenchApp app, BenchOptions options, ImportMode mode)
    {
        using var warmUp = ContactsCsv.Write(options.Warmup);
        for (var round = 1; round <= MaxWarmUps; round++)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            var (_, processing, _, _) = await ImportAsync(app, warmUp, mode);
            var more = JitInfo.GetCompiledMethodCount() - compiled;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Warm-up {round}: {warmUp.Rows:N0} rows at {warmUp.Rows / processing.TotalSeconds:N0} rows/s{(round == 1 ? " (the first import since start)" : "")}, "
                + $"{more:N0} methods compiled meanwhile"));
            if (options.Warmup == BenchOptions.MinWarmup || more < SettledMethods)
            {
                break;
            }
        }
    }

    /// <summary>Fewer methods than this compiled during a warm-up import: the runtime has settled.</summary>
    private const int SettledMethods = 200;

    private const int MaxWarmUps = 5;

    /// <summary>Starts and runs one import in a new Scale workspace (or <paramref name="into"/> one); verifies every row
    /// was stored.</summary>
    private static async Task<(TimeSpan Start, TimeSpan Processing, MemorySampler Memory, Guid Workspace)> ImportAsync(
        BenchApp app, ContactsCsv csv, ImportMode mode, Guid? into = null)
    {
        var workspace = into ?? await NewWorkspaceAsync(app, "Import bench");
        var clock = Stopwatch.StartNew();
        var (job, jobId) = await StartAsync(app, workspace, csv, mode);
        var start = clock.Elapsed;
        var memory = new MemorySampler();
        var (allocated, gcs, cpu, paused) = (GC.GetTotalAllocatedBytes(precise: true), GcCounts(), Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalPauseDuration());
        var (compiled, jitTime) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
        clock.Restart();
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<ImportJobRunner>().RunAsync(jobId, CancellationToken.None);
        }

        var processing = clock.Elapsed;
        var (allocatedAfter, gcsAfter, cpuAfter, pausedAfter) = (GC.GetTotalAllocatedBytes(precise: true), GcCounts(), Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalPauseDuration());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {csv.Rows:N0} rows: {(allocatedAfter - allocated) / csv.Rows:N0} B allocated/row, app CPU {(cpuAfter - cpu).TotalMicroseconds / csv.Rows:N1} µs/row, "
            + $"GCs gen0/1/2 {gcsAfter.Gen0 - gcs.Gen0}/{gcsAfter.Gen1 - gcs.Gen1}/{gcsAfter.Gen2 - gcs.Gen2} "
            + $"pausing {(pausedAfter - paused).TotalMilliseconds / processing.TotalMilliseconds:P1} of the time, "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {GCSettings.LatencyMode}, {AppRuntime.Described}, "
            + $"{JitInfo.GetCompiledMethodCount() - compiled:N0} methods compiled in {(JitInfo.GetCompilationTime() - jitTime).TotalSeconds:F2}s"));
        await memory.DisposeAsync();
        await VerifyAsync(app, workspace, job.Id, csv.Rows);
        return (start, processing, memory, workspace);
    }

    /// <summary>Checks and stores the file and queues its import in Hangfire, as an upload does.</summary>
    internal static async Task<(ImportJobView Job, Guid Id)> StartAsync(BenchApp app, Guid workspace, ContactsCsv csv, ImportMode mode)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
        await using var file = File.OpenRead(csv.Path);
        var started = await scope.ServiceProvider.GetRequiredService<ImportJobs>()
            .StartAsync(file, "contacts.csv", RecordTypes.Contact, mode, CancellationToken.None);
        var job = started.Job ?? throw new InvalidOperationException($"The import was refused: {started.Refusal}");
        return PublicId.TryParse(IdPrefixes.Import, job.Id, out var id) ? (job, id) : throw new InvalidOperationException($"Unexpected import id {job.Id}.");
    }

    private static (int Gen0, int Gen1, int Gen2) GcCounts() => (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    private static async Task VerifyAsync(BenchApp app, Guid workspace, string importId, int rows)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
        var job = await scope.ServiceProvider.GetRequiredService<ImportJobs>().GetAsync(importId, CancellationToken.None);
        if (job is not { Status: ImportJobStatus.Completed } || job.RowsSucceeded != rows || job.RowsFailed != 0)
        {
            throw new InvalidOperationException(
                $"Import {importId}: {job?.Status}, {job?.RowsSucceeded} succeeded, {job?.RowsFailed} failed of {rows}: {job?.Error}");
        }

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM contacts WHERE workspace_id = @ws", connection);
        count.Parameters.AddWithValue("ws", workspace);
        var stored = (long)(await count.ExecuteScalarAsync())!;
        if (stored != rows)
        {
            throw new InvalidOperationException($"Import {importId}: {stored} contacts stored, {rows} expected.");
        }
    }

    /// <summary>The same file into a workspace with one enabled workflow whose trigger matches every tenth contact
    /// (<c>person{i}@example.com</c> with i ending in 0): the runs are matched and written in the import's transactions.
    /// Then once more without a workflow: each import lands in a bigger database than the one before it, so the baseline
    /// is the mean of the plain imports just before and just after.</summary>
    private static async Task WithWorkflowAsync(BenchApp app, ContactsCsv csv, ImportMode mode, TimeSpan before)
    {
        var workspace = await NewWorkspaceAsync(app, "Import bench with a workflow");
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
            var workflow = JsonNode.Parse(
                """
                {"name": "Tag every tenth contact", "trigger": {"type": "record.created", "object": "contact",
                 "conditions": [{"field": "email", "op": "ends_with", "value": "0@example.com"}]},
                 "steps": [{"type": "update_record", "fields": {"job_title": "Tenth"}}]}
                """)!.AsObject();
            await scope.ServiceProvider.GetRequiredService<WorkflowStore>().CreateAsync(workflow, enabled: true, CancellationToken.None);
        }

        var (_, processing, memory, _) = await ImportAsync(app, csv, mode, workspace);
        var runs = await CountRunsAsync(app, workspace);
        var (_, after, _, _) = await ImportAsync(app, csv, mode);
        var without = (before + after) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"With a workflow matching 10%: {processing.TotalSeconds:F2}s, {csv.Rows / processing.TotalSeconds:N0} rows/s, {runs:N0} runs written " +
            $"({(runs == csv.Rows / 10 ? "one per matching row" : "NOT one per matching row")}); without one: {before.TotalSeconds:F2}s before, " +
            $"{after.TotalSeconds:F2}s after; {without / processing:P1} of the import without it " +
            $"(goal >= 80%: {(without / processing >= 0.8 ? "met" : "NOT met")}), peak working set {ImportResult.Megabytes(memory.PeakWorkingSet):F0} MB"));
    }

    private static async Task<long> CountRunsAsync(BenchApp app, Guid workspace)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM workflow_runs WHERE workspace_id = @ws", connection);
        count.Parameters.AddWithValue("ws", workspace);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<Guid> NewWorkspaceAsync(BenchApp app, string name)
    {
        await using var scope = app.Scope();
        return (await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().CreateAsync(name, Plan.Scale, CancellationToken.None)).Id;
    }
}
