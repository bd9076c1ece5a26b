using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Imports.Jobs;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Events;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Imports;

public sealed class ImportRunTests(ImportsApp app) : IClassFixture<ImportsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_ResumesAfterLastCommittedChunkWithoutDuplicates_WhenRestartedMidFile()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var csv = Uploads.Contacts(2_500);
        var id = await client.StartAsync(csv);
        Assert.True(PublicId.TryParse(IdPrefixes.Import, id, out var jobId));
        var upload = Path.Combine(app.UploadFolder, jobId.ToString("N") + ".csv");
        // A crash after the first chunk: run over the first 1,000 rows only, then put the job back to running with
        // the whole file, as a worker that died mid-file leaves it.
        await File.WriteAllTextAsync(upload, Uploads.Contacts(1_000), Ct);
        await app.RunAsync(id);
        await File.WriteAllTextAsync(upload, csv, Ct);
        await ExecuteAsync(jobs => jobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Processing)
            .SetProperty(j => j.FinishedAt, (DateTimeOffset?)null), Ct), jobId);

        await app.RunAsync(id);

        var done = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}", Ct);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal((2_500, 2_500, 0), (done.GetProperty("rows_processed").GetInt32(), done.GetProperty("rows_succeeded").GetInt32(),
            done.GetProperty("rows_failed").GetInt32()));
        Assert.Equal((2_500L, 2_500L), await ContactCountsAsync(workspace));
        var late = await (await client.PostAsync($"/api/v1/imports/{id}/cancel", null, Ct)).AssertProblemAsync(System.Net.HttpStatusCode.Conflict);
        Assert.Equal("This import has completed and can no longer be cancelled.", late.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Run_SkipsTheChunkAnEarlierRunStoredAheadOfTheResumePoint_WhenRestarted()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var id = await client.StartAsync(Uploads.Contacts(3_000));
        Assert.True(PublicId.TryParse(IdPrefixes.Import, id, out var jobId));
        // The second writer of a run that died stored rows 1002–2001 (people 1001–2000); the first never committed.
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
            var commands = Enumerable.Range(1_001, 1_000).Select(i => new RecordCommand(RecordOperation.Create, null,
                new JsonObject { ["first_name"] = $"Person {i}", ["email"] = $"person{i}@example.com" })).ToList();
            Assert.True((await scope.ServiceProvider.GetRequiredService<RecordPipeline>()
                .ApplyAsync(RecordTypes.Contact, commands, new RecordBatchOptions(), Ct)).Succeeded);
        }

        await ExecuteAsync(jobs => jobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Processing)
            .SetProperty(j => j.StoredAhead, new[] { 1_002, 2_002 }).SetProperty(j => j.RowsProcessed, 1_000)
            .SetProperty(j => j.RowsSucceeded, 1_000).SetProperty(j => j.Runs, 1), Ct), jobId);

        await app.RunAsync(id);

        var done = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}", Ct);
        Assert.Equal(("completed", 3_000, 3_000, 0), (done.GetProperty("status").GetString(), done.GetProperty("rows_processed").GetInt32(),
            done.GetProperty("rows_succeeded").GetInt32(), done.GetProperty("rows_failed").GetInt32()));
        Assert.Equal((3_000L, 3_000L), await ContactCountsAsync(workspace));
        await using var check = app.Scope();
        var job = await check.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<ImportJob>().IgnoreQueryFilters()
            .SingleAsync(j => j.Id == jobId, Ct);
        Assert.Equal((3_002, 0), (job.NextRow, job.StoredAhead.Length));
    }

    [Fact]
    public async Task Run_AppliesRowsAboutTheSameRecordInFileOrder_WhenTheirChunksCouldBeWrittenAtOnce()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        // Chunks 1 and 2 name the same 1,000 people, as do chunks 3 and 4: the later row of each must win.
        var csv = "first_name,email\r\n" + string.Concat(new[] { (1, "Earlier"), (1, "Later"), (1_001, "Earlier"), (1_001, "Later") }
            .SelectMany(c => Enumerable.Range(c.Item1, 1_000).Select(i => $"{c.Item2} {i},person{i}@example.com\r\n")));
        var id = await client.StartAsync(csv, mode: "upsert");

        await app.RunAsync(id);

        await AssertLaterRowsWonAsync(client, id, rows: 4_000, "SELECT first_name AS \"Value\" FROM contacts WHERE workspace_id = {0}",
            workspace, records: 2_000);
    }

    [Fact]
    public async Task Run_AppliesRowsAboutTheSameRecordInFileOrder_WhenTheyShareAChunk()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var csv = "first_name,email,job_title\r\nAda,ada@example.com,Engineer\r\nBob,bob@example.com,\r\nAda,ADA@example.com,CTO\r\n";

        var done = await client.ImportAsync(app, csv, mode: "upsert");

        Assert.Equal((3, 0), (done.GetProperty("rows_succeeded").GetInt32(), done.GetProperty("rows_failed").GetInt32()));
        var ada = Assert.Single(await app.ContactsAsync(workspace), c => (string?)c["email"] == "ada@example.com");
        Assert.Equal("CTO", (string?)ada["job_title"]);
    }

    [Fact]
    public async Task Run_RejectsTheSecondRowAsADuplicateOfTheStoredOne_WhenCreatingTwoRowsWithOneEmail()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);

        var done = await client.ImportAsync(app, "first_name,email\r\nAda,ada@example.com\r\nAda again,ada@example.com\r\n");

        var ada = Assert.Single(await app.ContactsAsync(workspace));
        var errors = await client.GetStringAsync($"/api/v1/imports/{done.GetProperty("id").GetString()}/errors", Ct);
        Assert.Contains($"3,A contact with email 'ada@example.com' already exists ({ada["id"]}).,Ada again,ada@example.com", errors,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MatchesDomainsAsThePipelineDoes_WhenDecidingWhichChunksMayBeWrittenAtOnce()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        // The same 1,000 accounts, first as URLs, then as bare domains: the same records, so the later rows win.
        var csv = "name,domain\r\n"
            + string.Concat(Enumerable.Range(1, 1_000).Select(i => $"Earlier {i},https://www.Domain{i}.example/about\r\n"))
            + string.Concat(Enumerable.Range(1, 1_000).Select(i => $"Later {i},domain{i}.example\r\n"));
        var id = await client.StartAsync(csv, "upsert", "account");

        await app.RunAsync(id);

        await AssertLaterRowsWonAsync(client, id, rows: 2_000, "SELECT name AS \"Value\" FROM accounts WHERE workspace_id = {0}",
            workspace, records: 1_000);
    }

    [Fact]
    public async Task Run_RejectsOnlyTheRow_WhenACellLateInTheFileHoldsNul()
    {
        // The NUL lies past the bytes the upload check sniffs; its row's cells must still be storable in the error file.
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var id = await client.StartAsync(Uploads.Contacts(1_500) + "Nul\0Person,nul@example.com\r\n");

        await app.RunAsync(id);

        var done = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}", Ct);
        Assert.Equal(("completed_with_errors", 1_500, 1), (done.GetProperty("status").GetString(),
            done.GetProperty("rows_succeeded").GetInt32(), done.GetProperty("rows_failed").GetInt32()));
        var errors = (await client.GetStringAsync($"/api/v1/imports/{id}/errors", Ct)).TrimStart('\uFEFF');
        Assert.Equal("row_number,error_message,first_name,email\r\n1502,\"Row 1502 has a NUL character (byte 0) in column \"\"first_name\"\", "
            + "which no text can hold; the file may be partly binary or saved in another encoding.\",Nul\uFFFDPerson,nul@example.com\r\n", errors);
        Assert.Equal((1_500L, 1_500L), await ContactCountsAsync(workspace));
    }

    [Fact]
    public async Task Run_ReportsEveryRow_WhenBothWritersStoreOnlyErrors()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var csv = "first_name,email\r\n" + string.Concat(Enumerable.Range(1, 6_000).Select(i => $"Person {i},person{i}@\r\n"));
        var id = await client.StartAsync(csv);

        await app.RunAsync(id);

        var done = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}", Ct);
        Assert.Equal(("completed_with_errors", 6_000, 0, 6_000), (done.GetProperty("status").GetString(),
            done.GetProperty("rows_processed").GetInt32(), done.GetProperty("rows_succeeded").GetInt32(), done.GetProperty("rows_failed").GetInt32()));
        Assert.Equal((0L, 0L), await ContactCountsAsync(workspace));
    }

    [Fact]
    public async Task Cancel_StopsImportBeforeAnyRowIsStored_WhenQueued()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var id = await client.StartAsync(Uploads.Contacts(3));

        using var cancelled = await client.PostAsync($"/api/v1/imports/{id}/cancel", null, Ct);
        await app.RunAsync(id);

        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}", Ct);
        Assert.Equal(("cancelled", 0), (after.GetProperty("status").GetString(), after.GetProperty("rows_processed").GetInt32()));
        Assert.Equal((0L, 0L), await ContactCountsAsync(workspace));
    }

    [Fact]
    public async Task Run_StoresOneEventPerImportedRow()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var id = await client.StartAsync(Uploads.Contacts(1_200));

        await app.RunAsync(id);

        await using var scope = app.Scope();
        var events = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
            .Where(e => e.WorkspaceId == workspace).GroupBy(e => e.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct);
        Assert.Equal([("contact.created", 1_200), ("import.completed", 1)], events.Select(e => (e.Key, e.Count)).OrderBy(e => e.Key));
    }

    [Fact]
    public async Task Run_FailsWithReadableErrorAndEvent_WhenUploadIsGone()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var id = await client.StartAsync(Uploads.Contacts(2));
        Assert.True(PublicId.TryParse(IdPrefixes.Import, id, out var jobId));
        File.Delete(Path.Combine(app.UploadFolder, jobId.ToString("N") + ".csv"));

        await app.RunAsync(id);

        var failed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}", Ct);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("The uploaded file is no longer available; upload it again.", failed.GetProperty("error").GetString());
        await using var scope = app.Scope();
        var events = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
            .Where(e => e.WorkspaceId == workspace).Select(e => e.Type).ToListAsync(Ct);
        Assert.Equal(["import.failed"], events);
    }

    /// <summary>Every row stored and the job complete, and each record named by its later row ("Later …").</summary>
    private async Task AssertLaterRowsWonAsync(HttpClient client, string id, int rows, string namesSql, Guid workspace, int records)
    {
        var done = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}", Ct);
        Assert.Equal(("completed", rows, 0), (done.GetProperty("status").GetString(), done.GetProperty("rows_succeeded").GetInt32(),
            done.GetProperty("rows_failed").GetInt32()));
        await using var scope = app.Scope();
        var names = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database.SqlQueryRaw<string>(namesSql, workspace)
            .ToListAsync(Ct);
        Assert.Equal(records, names.Count);
        Assert.All(names, name => Assert.StartsWith("Later ", name, StringComparison.Ordinal));
    }

    private async Task ExecuteAsync(Func<IQueryable<ImportJob>, Task> update, Guid jobId)
    {
        await using var scope = app.Scope();
        await update(scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<ImportJob>().IgnoreQueryFilters()
            .Where(j => j.Id == jobId));
    }

    /// <summary>All contacts of the workspace and how many distinct emails they have.</summary>
    private async Task<(long Total, long DistinctEmails)> ContactCountsAsync(Guid workspace)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var counts = await db.Database.SqlQueryRaw<long>(
            "SELECT count(*) AS \"Value\" FROM contacts WHERE workspace_id = {0} UNION ALL " +
            "SELECT count(DISTINCT email) FROM contacts WHERE workspace_id = {0}", workspace).ToListAsync(Ct);
        return (counts[0], counts[1]);
    }
}
