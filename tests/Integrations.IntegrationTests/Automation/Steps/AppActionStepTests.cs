using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;
using Integrations.Automation.Steps.AppAction;
using Integrations.Automation.Templates;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Platform.Callers;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using Integrations.Testing.Fakes.Slack;
using Microsoft.Extensions.DependencyInjection;
using static Integrations.IntegrationTests.Apps.Connect.ConnectFlow;

namespace Integrations.IntegrationTests.Automation.Steps;

/// <summary><c>app_action</c> against the Slack fake: the message is posted with the rendered input; throttling asks for a
/// retry after Slack's delay; on save, the connection, the action and the input's fields are checked.</summary>
public sealed class AppActionStepTests(ConnectApp app) : IClassFixture<ConnectApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_PostsToSlack_WithTheRenderedInput_AndOutputsSlacksAnswer()
    {
        var (connection, slack, workspace) = await ConnectSlackAsync();
        var channel = slack.AddChannel("sales");

        var outcome = await workspace.RunAsync(Step(connection, channel.Id), Data("Acme"));

        Assert.Null(outcome.Error);
        var posted = Assert.Single(slack.Messages);
        Assert.Equal("Deal won: Acme", posted.Body["text"]!.GetValue<string>());
        Assert.Equal(posted.Ts, (string?)outcome.Output!["ts"]);
    }

    [Fact]
    public async Task Run_AsksForARetryAfterSlacksDelay_WhenSlackIsRateLimiting()
    {
        var (connection, slack, workspace) = await ConnectSlackAsync();
        var channel = slack.AddChannel("sales");
        app.Slack.InjectFault(FakeSlackApi.PostMessagePath, FakeFault.TooManyRequests(TimeSpan.FromSeconds(17)));

        var outcome = await workspace.RunAsync(Step(connection, channel.Id), Data("Acme"));

        Assert.True(outcome.Retry);
        Assert.Equal(TimeSpan.FromSeconds(17), outcome.RetryAfter);
        Assert.Empty(slack.Messages);
    }

    [Fact]
    public async Task Run_FailsWithoutRetry_WhenSlackRefuses()
    {
        var (connection, slack, workspace) = await ConnectSlackAsync();

        var outcome = await workspace.RunAsync(Step(connection, "C0NOTACHANNEL"), Data("Acme"));

        Assert.False(outcome.Retry);
        Assert.Contains("channel_not_found", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(slack.Messages);
    }

    [Fact]
    public async Task CheckAsync_NamesTheConnectionActionAndInput_WhenTheyAreWrong()
    {
        var (connection, _, workspace) = await ConnectSlackAsync();

        var missing = await CheckAsync(workspace, Step("cxn_" + Guid.NewGuid().ToString("N"), "C1"));
        var noAction = await CheckAsync(workspace, new JsonObject { ["type"] = "app_action", ["connection_id"] = connection, ["action"] = "send_fax" });
        var badInput = await CheckAsync(workspace, new JsonObject
        {
            ["type"] = "app_action", ["connection_id"] = connection, ["action"] = "post_message",
            ["input"] = new JsonObject { ["text"] = "{{ record.name }}", ["colour"] = "red" },
        });
        var templated = await CheckAsync(workspace, Step(connection, "{{ trigger.channel }}"));

        Assert.True(missing.ContainsKey("steps[0].connection_id"));
        Assert.True(noAction.ContainsKey("steps[0].action"));
        Assert.Equal(["steps[0].input.channel", "steps[0].input.colour"], badInput.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(templated);
    }

    private static JsonObject Step(string connection, string channel) => new()
    {
        ["type"] = "app_action", ["connection_id"] = connection, ["action"] = "post_message",
        ["input"] = new JsonObject { ["channel"] = channel, ["text"] = "Deal won: {{ record.name }}" },
    };

    private static JsonObject Data(string name) => new() { ["record"] = new JsonObject { ["object"] = "deal", ["name"] = name } };

    private async Task<Dictionary<string, string[]>> CheckAsync(StepsWorkspace workspace, JsonObject step)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().Act(workspace.WorkspaceId, ActorType.User, "test-user", "Test User", ChangeSource.Api);
        var definition = WorkflowJson.Read(new JsonObject { ["steps"] = new JsonArray(step) }).Steps[0];
        var checks = new StepChecks(new TriggerDefinition { Type = "manual" }, scope.ServiceProvider.GetRequiredService<WorkflowTemplates>())
        {
            Path = "steps[0]",
        };
        var type = new AppActionStep(scope.ServiceProvider.GetRequiredService<WorkflowTemplates>());
        type.Check(definition, checks);
        await type.CheckAsync(definition, checks, scope.ServiceProvider, Ct);
        return checks.Errors;
    }

    // A Slack workspace of its own connected through the consent flow, and a workflow in the connection's workspace.
    private async Task<(string Connection, FakeSlackWorkspace Slack, StepsWorkspace Workspace)> ConnectSlackAsync()
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Slack.Account = NewAccount();
        (await ConnectAsync(admin, "slack", app.Slack, true, Ct)).Dispose();
        var connection = Assert.Single(await ConnectionsAsync(app, account.TeamId));
        var workspace = await StepsWorkspace.CreateAsync(app, new JsonObject { ["type"] = "record.updated", ["object"] = "deal" }, connection.WorkspaceId);
        return ($"cxn_{connection.Id:N}", app.SlackApi.Workspace(account.TeamId), workspace);
    }
}
