using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Automation.Schedules;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>Schedule triggers: the minutely job starts one run per occurrence, in the schedule's time zone.</summary>
public sealed class ScheduleRunsTests(AutomationApp app) : IClassFixture<AutomationApp>
{
    private const string Zone = "Asia/Kolkata";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> RunJobAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScheduleJob>().RunAsync(Ct);
    }

    [Fact]
    public async Task ScheduleJob_StartsOneRunPerOccurrenceInTheTimeZone_WhenItRunsTwice()
    {
        var (_, client) = await app.WorkspaceAsync();
        // A daily cron at the wall-clock time it will be in Kolkata (UTC+5:30) two minutes from now: read as UTC it
        // would be due hours away, so a run now shows the time zone was used.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var due = app.Clock.GetUtcNow().AddMinutes(2);
        due = new DateTimeOffset(due.Ticks - (due.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var local = TimeZoneInfo.ConvertTime(due, zone);
        var cron = string.Create(CultureInfo.InvariantCulture, $"{local.Minute} {local.Hour} * * *");
        var workflow = await AutomationApp.CreateWorkflowAsync(client, new JsonObject
        {
            ["name"] = "Daily",
            ["trigger"] = new JsonObject { ["type"] = "schedule", ["cron"] = cron, ["time_zone"] = Zone },
            ["steps"] = new JsonArray(new JsonObject { ["id"] = "wait", ["type"] = "test_wait", ["seconds"] = 3600 }),
        }, Ct);

        await RunJobAsync();
        Assert.Empty(await AutomationApp.RunsAsync(client, workflow, Ct));

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await RunJobAsync();
        await RunJobAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await RunJobAsync();

        var runs = await AutomationApp.RunsAsync(client, workflow, Ct);
        var run = Assert.Single(runs);
        Assert.Equal("schedule", run.GetProperty("trigger_type").GetString());
        var detail = await AutomationApp.RunAsync(client, run.GetProperty("id").GetString()!, Ct);
        var data = detail.GetProperty("trigger_data");
        Assert.Equal(due, DateTimeOffset.Parse(data.GetProperty("scheduled_at").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal((cron, Zone), (data.GetProperty("cron").GetString(), data.GetProperty("time_zone").GetString()));
    }

    [Fact]
    public async Task ScheduleJob_CatchesUpOnlyTheLastOccurrence_WhenItDidNotRunForHours()
    {
        var (_, client) = await app.WorkspaceAsync();
        var workflow = await AutomationApp.CreateWorkflowAsync(client, new JsonObject
        {
            ["name"] = "Every five minutes",
            ["trigger"] = new JsonObject { ["type"] = "schedule", ["cron"] = "*/5 * * * *" },
            ["steps"] = new JsonArray(new JsonObject { ["id"] = "wait", ["type"] = "test_wait", ["seconds"] = 3600 }),
        }, Ct);

        app.Clock.Advance(TimeSpan.FromHours(3));
        await RunJobAsync();

        var run = Assert.Single(await AutomationApp.RunsAsync(client, workflow, Ct));
        var detail = await AutomationApp.RunAsync(client, run.GetProperty("id").GetString()!, Ct);
        var scheduledAt = DateTimeOffset.Parse(detail.GetProperty("trigger_data").GetProperty("scheduled_at").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(app.Clock.GetUtcNow() - scheduledAt, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        Assert.Equal("UTC", detail.GetProperty("trigger_data").GetProperty("time_zone").GetString());
    }
}
