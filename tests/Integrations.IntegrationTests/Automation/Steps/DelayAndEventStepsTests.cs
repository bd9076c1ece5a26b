using System.Text.Json.Nodes;

namespace Integrations.IntegrationTests.Automation.Steps;

/// <summary><c>delay</c> parks the run until its time on the app's clock; <c>publish_event</c> appends an event.</summary>
public sealed class DelayAndEventStepsTests(StepsApp app) : IClassFixture<StepsApp>
{
    [Fact]
    public async Task Delay_WaitsUntilNowPlusTheDuration()
    {
        var workspace = await app.WorkspaceAsync();

        var outcome = await workspace.RunAsync(new JsonObject { ["type"] = "delay", ["duration"] = "PT15M" }, []);

        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(15), outcome.WaitUntil);
        Assert.Null(outcome.Error);
    }

    [Fact]
    public async Task Delay_WaitsUntilTheRenderedDate_AndNotAtAllWhenItIsPast()
    {
        var workspace = await app.WorkspaceAsync(new JsonObject { ["type"] = "record.updated", ["object"] = "deal" });
        var step = new JsonObject { ["type"] = "delay", ["until"] = "{{ record.close_date }}" };
        var future = app.Clock.GetUtcNow().Date.AddDays(3);

        var waiting = await workspace.RunAsync(step, new JsonObject { ["record"] = new JsonObject { ["close_date"] = future.ToString("yyyy-MM-dd") } });
        var past = await workspace.RunAsync(step, new JsonObject { ["record"] = new JsonObject { ["close_date"] = "2001-01-01" } });

        Assert.Equal(new DateTimeOffset(future, TimeSpan.Zero), waiting.WaitUntil);
        Assert.Null(past.WaitUntil);
        Assert.Null(past.Error);
    }

    [Fact]
    public async Task Delay_DoesNotWait_InADryRun()
    {
        var workspace = await app.WorkspaceAsync();

        var outcome = await workspace.RunAsync(new JsonObject { ["type"] = "delay", ["duration"] = "2h" }, [], dryRun: true);

        Assert.Null(outcome.WaitUntil);
        Assert.NotNull(outcome.Output!["until"]);
    }

    [Fact]
    public async Task PublishEvent_AppendsTheEvent_WithRenderedData()
    {
        var workspace = await app.WorkspaceAsync();
        var step = new JsonObject
        {
            ["type"] = "publish_event", ["event"] = "invoice.paid",
            ["data"] = new JsonObject { ["invoice_id"] = "INV-{{ record.first_name }}", ["amount"] = 10 },
        };

        var outcome = await workspace.RunAsync(step, new JsonObject { ["record"] = new JsonObject { ["first_name"] = "Ada" } });

        var stored = await workspace.EventAsync((string)outcome.Output!["id"]!);
        Assert.Equal("invoice.paid", stored!.Type);
        Assert.Equal(workspace.WorkspaceId, stored.WorkspaceId);
        var data = JsonNode.Parse(stored.Data!)!;
        Assert.Equal(("INV-Ada", 10), ((string?)data["invoice_id"], (int)data["amount"]!));
    }
}
