using System.Text.Json.Nodes;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>A run parked in a delay lives in the database, not in the instance that started it.</summary>
public sealed class RestartTests
{
    /// <summary>A second instance on the first one's database.</summary>
    private sealed class NextInstance(string connectionString) : AutomationApp
    {
        protected override Task<string> DatabaseAsync() => Task.FromResult(connectionString);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DelayedRun_FinishesOnANewInstance_WhenTheOneThatStartedItStopped()
    {
        var first = new AutomationApp();
        await first.InitializeAsync();
        var (_, client) = await first.WorkspaceAsync();
        var workflow = await AutomationApp.CreateWorkflowAsync(client, new JsonObject
        {
            ["name"] = "Delayed title",
            ["trigger"] = new JsonObject { ["type"] = "record.created", ["object"] = "contact" },
            ["steps"] = new JsonArray(
                new JsonObject { ["id"] = "wait", ["type"] = "test_wait", ["seconds"] = 600 },
                new JsonObject { ["id"] = "title", ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = "After restart" } }),
        }, Ct);
        var contact = await AutomationApp.CreateContactAsync(client, new { first_name = "Ada", email = "ada@restart.test" }, Ct);
        await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 1 && AutomationApp.Status(r[0]) == "waiting", Ct);
        var authorization = client.DefaultRequestHeaders.Authorization;
        var database = first.ConnectionString;
        await first.DisposeAsync();

        await using var next = new NextInstance(database);
        await next.InitializeAsync();
        using var again = next.CreateClient();
        again.DefaultRequestHeaders.Authorization = authorization;
        next.Advance(TimeSpan.FromMinutes(11));

        var runs = await AutomationApp.WaitForRunsAsync(again, workflow, r => r.Count == 1 && AutomationApp.Status(r[0]) == "succeeded", Ct);
        Assert.Single(runs);
        Assert.Equal("After restart", (await AutomationApp.ContactAsync(again, contact, Ct)).GetProperty("job_title").GetString());
    }
}
