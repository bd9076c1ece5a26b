using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>A workflow's <c>max_runs_per_minute</c> queues the runs over it for the minutes after: none is skipped.</summary>
public sealed class RateLimitTests(AutomationApp app) : IClassFixture<AutomationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunsOverTheLimit_StartInTheMinutesAfter_AndNoneIsStopped()
    {
        var (_, client) = await app.WorkspaceAsync();
        var workflow = await AutomationApp.CreateWorkflowAsync(client, new JsonObject
        {
            ["name"] = "Three a minute",
            ["settings"] = new JsonObject { ["max_runs_per_minute"] = 3 },
            ["trigger"] = new JsonObject { ["type"] = "record.created", ["object"] = "contact" },
            ["steps"] = new JsonArray(new JsonObject { ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = "Welcomed" } }),
        }, Ct);
        var records = new JsonArray();
        for (var i = 0; i < 7; i++)
        {
            records.Add(new JsonObject { ["first_name"] = $"P{i}", ["email"] = $"p{i}@limit.test" });
        }

        using var response = await client.PostAsJsonAsync("/api/v1/records/contact/bulk", new JsonObject { ["records"] = records }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 7 && Count(r, "succeeded") == 3, Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        var first = await AutomationApp.RunsAsync(client, workflow, Ct);
        Assert.Equal(3, Count(first, "succeeded"));
        Assert.Equal(4, Count(first, "running"));

        app.Advance(TimeSpan.FromMinutes(1));
        await AutomationApp.WaitForRunsAsync(client, workflow, r => Count(r, "succeeded") == 6, Ct);
        app.Advance(TimeSpan.FromMinutes(1));
        var runs = await AutomationApp.WaitForRunsAsync(client, workflow, r => Count(r, "succeeded") == 7, Ct);
        Assert.Equal(7, runs.Select(r => r.GetProperty("record_id").GetString()).Distinct().Count());
        Assert.Equal(0, Count(runs, "stopped"));
    }

    private static int Count(List<JsonElement> runs, string status) => runs.Count(r => AutomationApp.Status(r) == status);
}
