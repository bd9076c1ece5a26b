using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Integrations.Imports.Jobs;
using Integrations.Imports.Running;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Imports;

/// <summary>Who an import acts as, how a job that never reached Hangfire gets there, and what is left on disk.</summary>
public sealed class ImportJobLifecycleTests(ImportsApp app) : IClassFixture<ImportsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_AuditsRecordsAsTheApiKey_WhenAKeyStartedTheImport()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);

        var done = await client.ImportAsync(app, Uploads.Contacts(2));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var entries = await db.Set<AuditEntry>().IgnoreQueryFilters().Where(a => a.WorkspaceId == workspace)
            .Select(a => new { a.Action, a.ActorType, a.ActorId, a.ActorName, a.Source }).ToListAsync(Ct);
        var started = entries.Single(e => e.Action == "import.started");
        Assert.Equal("api_key", started.ActorType);
        Assert.StartsWith("key_", started.ActorId, StringComparison.Ordinal);
        var created = entries.Where(e => e.Action == "contact.created").ToList();
        Assert.Equal(2, created.Count);
        Assert.All(created, e => Assert.Equal(("api_key", started.ActorId, started.ActorName, "import"), (e.ActorType, e.ActorId, e.ActorName, e.Source)));
    }

    [Fact]
    public async Task Sweep_QueuesImportInHangfire_WhenItsEnqueueFailed()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var id = await client.StartAsync(Uploads.Contacts(3));
        Assert.True(PublicId.TryParse(IdPrefixes.Import, id, out var jobId));
        // What a failed enqueue leaves: the job saved as queued, with no Hangfire job, and (here) two minutes ago.
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<ImportJob>().IgnoreQueryFilters()
                .Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.BackgroundJobId, (string?)null)
                    .SetProperty(j => j.CreatedAt, j => j.CreatedAt.AddMinutes(-2)), Ct);
        }

        string? queuedAs;
        await using (var scope = app.Scope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<QueuedImportSweep>().RunAsync(Ct) >= 1);
            queuedAs = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<ImportJob>().IgnoreQueryFilters()
                .Where(j => j.Id == jobId).Select(j => j.BackgroundJobId).SingleAsync(Ct);
        }

        Assert.NotNull(queuedAs);
        using var storage = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var queued = storage.GetJobData(queuedAs);
        Assert.Equal((typeof(ImportJobRunner), jobId), (queued.Job.Type, (Guid)queued.Job.Args[0]));
        await app.RunAsync(id);
        var done = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}", Ct);
        Assert.Equal(("completed", 3), (done.GetProperty("status").GetString(), done.GetProperty("rows_succeeded").GetInt32()));
    }

    [Fact]
    public async Task Cancel_DeletesTheUploadButKeepsTheErrorFile_WhenQueued()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var id = await client.StartAsync(Uploads.Contacts(3));
        Assert.True(PublicId.TryParse(IdPrefixes.Import, id, out var jobId));
        var upload = Path.Combine(app.UploadFolder, jobId.ToString("N") + ".csv");
        Assert.True(File.Exists(upload));

        using var cancelled = await client.PostAsync($"/api/v1/imports/{id}/cancel", null, Ct);

        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.False(File.Exists(upload));
        using var errors = await client.GetAsync($"/api/v1/imports/{id}/errors", Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, errors.StatusCode);
    }
}
