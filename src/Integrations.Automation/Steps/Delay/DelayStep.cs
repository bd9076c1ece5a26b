using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Templates;

namespace Integrations.Automation.Steps.Delay;

/// <summary><c>delay</c> <c>{"duration": "PT15M"}</c> or <c>{"until": "{{ record.close_date }}"}</c>: parks the run until
/// then (an <c>until</c> in the past does not wait). Output <c>{"until"}</c>; a test run does not wait.</summary>
internal sealed class DelayStep(WorkflowTemplates templates, TimeProvider clock) : IStepType
{
    public string Type => "delay";
    public string Title => "Wait";
    public string Description => "Waits for a duration, or until a date or time.";
    public bool SafeToDryRun => true;

    public IReadOnlyList<StepField> Fields { get; } =
    [
        new("duration", "duration", false, "How long: ISO 8601 (PT15M) or 15m, 2h, 3d; at most 365 days."),
        new("until", "text", false, "Or until when: a date or date-time (a template, such as {{ record.close_date }})."),
    ];

    public void Check(StepDefinition step, StepChecks checks)
    {
        var duration = step.Json["duration"];
        var until = step.Json["until"];
        if ((duration is null) == (until is null))
        {
            checks.Add("duration", "Give either duration or until.");
        }
        else if (duration is not null && DelayDuration.Parse(StepJson.Text(step.Json, "duration")) is null)
        {
            checks.Add("duration", "duration must be ISO 8601 (PT15M) or 30s, 15m, 2h, 3d, longer than nothing and at most 365 days.");
        }
        else if (until is not null && !StepJson.IsText(until))
        {
            checks.Add("until", "until must be a date, a date-time or a template.");
        }
        else if (StepJson.Text(step.Json, "until") is { } text)
        {
            if (text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal))
            {
                checks.Template("until", text);
            }
            else if (Instant(text) is null)
            {
                checks.Add("until", "until must be a date (2026-12-24) or a date-time with its offset (ISO 8601).");
            }
        }
    }

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset until;
        if (DelayDuration.Parse(StepJson.Text(context.Step.Json, "duration")) is { } duration)
        {
            until = now + duration;
        }
        else
        {
            var text = await templates.RenderAsync(StepJson.Text(context.Step.Json, "until") ?? "", context.Data);
            if (Instant(text) is not { } instant)
            {
                return StepOutcome.Failed($"until rendered to '{(text.Length <= 100 ? text : text[..100])}', which is not a date or time.");
            }

            until = instant;
        }

        var output = new JsonObject { ["until"] = until.ToString("O", CultureInfo.InvariantCulture) };
        return context.DryRun || until <= now ? StepOutcome.Done(output) : new StepOutcome { Output = output, WaitUntil = until };
    }

    /// <summary>A date (midnight UTC) or a date-time (UTC when it has no offset).</summary>
    private static DateTimeOffset? Instant(string text) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
}
