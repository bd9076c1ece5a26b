using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>A test-only delay (<c>test_wait</c>, <c>seconds</c>): parks the run until the clock has moved that far.</summary>
internal sealed class WaitStep(TimeProvider clock) : IStepType
{
    public string Type => "test_wait";
    public string Title => "Wait (tests)";
    public string Description => "Parks the run for a number of seconds.";
    public IReadOnlyList<StepField> Fields { get; } = [new("seconds", "duration", true, "How long.")];
    public bool SafeToDryRun => true;

    public void Check(StepDefinition step, StepChecks checks)
    {
    }

    public Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
    {
        var until = clock.GetUtcNow().AddSeconds((int?)context.Step.Json["seconds"] ?? 60);
        return Task.FromResult(new StepOutcome { Output = new JsonObject { ["until"] = until }, WaitUntil = until });
    }
}
