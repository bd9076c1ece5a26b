using Integrations.Automation.Conditions;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;

namespace Integrations.Tests.Automation;

/// <summary>A step type for checking the rules without the real ones: <c>text</c> is a required template; an
/// <c>if_note</c> also checks its <c>conditions</c> (and may have branches).</summary>
internal sealed class NoteStepType(string type = "note") : IStepType
{
    public string Type => type;
    public string Title => "Note";
    public string Description => "Writes a note.";
    public IReadOnlyList<StepField> Fields => [new("text", "text", true, "The note.")];
    public bool SafeToDryRun => true;

    public void Check(StepDefinition step, StepChecks checks)
    {
        if (type == "if_note")
        {
            ConditionChecks.Check(step.Json["conditions"], "conditions", checks);
            return;
        }

        if (step.Json["text"]?.GetValue<string>() is not { } text)
        {
            checks.Add("text", "text is required.");
            return;
        }

        checks.Template("text", text);
    }

    public Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct) => Task.FromResult(StepOutcome.Done([]));
}
