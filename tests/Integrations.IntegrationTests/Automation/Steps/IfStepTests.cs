using System.Text.Json.Nodes;

namespace Integrations.IntegrationTests.Automation.Steps;

/// <summary><c>if</c> picks its branch from the run's data with the conditions evaluator.</summary>
public sealed class IfStepTests(StepsApp app) : IClassFixture<StepsApp>
{
    [Theory]
    [InlineData("ada@vip.test", "then")]
    [InlineData("ada@example.test", "else")]
    public async Task Run_ChoosesTheBranch_ByTheConditions(string email, string branch)
    {
        var workspace = await app.WorkspaceAsync();
        var step = new JsonObject
        {
            ["type"] = "if",
            ["conditions"] = new JsonArray(new JsonObject { ["field"] = "email", ["op"] = "ends_with", ["value"] = "@vip.test" }),
            ["then"] = new JsonArray(),
            ["else"] = new JsonArray(),
        };

        var outcome = await workspace.RunAsync(step, new JsonObject { ["record"] = new JsonObject { ["object"] = "contact", ["email"] = email } });

        Assert.Equal(branch, (string?)outcome.Output!["branch"]);
    }
}
