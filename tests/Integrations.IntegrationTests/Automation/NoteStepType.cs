using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;

namespace Integrations.IntegrationTests.Automation;

/// <summary>A step type only these tests register (<c>test_note</c>: <c>text</c>, a required template), so the API's
/// checks are tested whatever step types the app has.</summary>
internal sealed class NoteStepType : IStepType
{
    public string Type => "test_note";
    public string Title => "Test note";
    public string Description => "Does nothing; for tests.";
    public IReadOnlyList<StepField> Fields => [new("text", "text", true, "A template.")];
    public bool SafeToDryRun => true;

    public void Check(StepDefinition step, StepChecks checks)
    {
        if (step.Json["text"]?.GetValue<string>() is not { } text)
        {
            checks.Add("text", "text is required.");
            return;
        }

        checks.Template("text", text);
    }

    public Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct) => Task.FromResult(StepOutcome.Done([]));
}
