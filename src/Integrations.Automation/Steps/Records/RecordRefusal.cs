using Integrations.Crm.Pipeline;

namespace Integrations.Automation.Steps.Records;

/// <summary>A pipeline refusal as a failed step: the pipeline's own messages; retried only when another change raced it.</summary>
internal static class RecordRefusal
{
    public static StepOutcome Of(RecordOutcome outcome, bool raced = false)
    {
        var message = outcome.Errors.Count == 0
            ? "The record was not changed."
            : string.Join(" ", outcome.Errors.Select(e => e.Message));
        return StepOutcome.Failed(message, retry: raced);
    }
}
