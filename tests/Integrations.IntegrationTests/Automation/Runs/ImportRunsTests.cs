using System.Diagnostics;
using System.Text.Json.Nodes;
using Integrations.Automation.Runs;
using Integrations.IntegrationTests.Imports;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>A CSV import of 10,000 rows starts exactly one run per matching row, in the import's own transactions; the
/// import's time with and without the matching workflow is written to the test output.</summary>
public sealed class ImportRunsTests(ImportsApp app) : IClassFixture<ImportsApp>
{
    private const int Rows = 10_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CsvImport_StartsExactlyOneRunPerMatchingRow()
    {
        var scopes = Uploads.Importer.Concat(["workflows:read", "workflows:write"]).ToArray();
        var (_, plain) = await app.ClientInNewWorkspaceAsync(scopes);
        var without = await TimeImportAsync(plain);
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(scopes);
        var workflow = await AutomationApp.CreateWorkflowAsync(client, new JsonObject
        {
            ["name"] = "Every tenth",
            ["trigger"] = new JsonObject
            {
                ["type"] = "record.created", ["object"] = "contact",
                ["conditions"] = new JsonArray(new JsonObject { ["field"] = "email", ["op"] = "ends_with", ["value"] = "0@example.com" }),
            },
            ["steps"] = new JsonArray(new JsonObject { ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = "tenth" } }),
        }, Ct);

        var with = await TimeImportAsync(client);

        TestContext.Current.TestOutputHelper?.WriteLine($"Import of {Rows:N0} contacts: {without.TotalMilliseconds:N0} ms without a workflow, "
            + $"{with.TotalMilliseconds:N0} ms with one matching 10% of rows.");
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var runs = await db.Set<WorkflowRun>().IgnoreQueryFilters().Where(r => r.WorkspaceId == workspace).Select(r => r.RecordId).ToListAsync(Ct);
        Assert.Equal(Rows / 10, runs.Count);
        Assert.Equal(Rows / 10, runs.Distinct().Count());
        Assert.NotNull(workflow);
    }

    private async Task<TimeSpan> TimeImportAsync(HttpClient client)
    {
        var id = await client.StartAsync(Uploads.Contacts(Rows));
        var clock = Stopwatch.StartNew();
        await app.RunAsync(id);
        return clock.Elapsed;
    }
}
