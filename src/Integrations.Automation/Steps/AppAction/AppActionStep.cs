using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Automation.Definitions;
using Integrations.Automation.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Steps.AppAction;

/// <summary>
/// <c>app_action</c> <c>{"connection_id": "cxn_…", "action": "post_message", "input": {…}}</c>: a connected app's action
/// (the catalogue's, as <c>GET /api/v1/apps</c> lists them) through <see cref="AppActions"/>, with a fresh token.
/// Output: the action's result. Throttling is retried after the provider's delay; anything else the provider said
/// fails the step without a retry, since the provider may have acted.
/// </summary>
internal sealed class AppActionStep(WorkflowTemplates templates) : IStepType
{
    public string Type => "app_action";
    public string Title => "Run an app action";
    public string Description => "Posts to Slack, sends an email, creates a meeting… through a connected app.";
    public bool SafeToDryRun => false;

    public IReadOnlyList<StepField> Fields { get; } =
    [
        new("connection_id", "connection", true, "The connected app (cxn_…)."),
        new("action", "action", true, "The action, from the app's catalogue entry (post_message, send_email…)."),
        new("input", "json", true, "The action's fields; values are templates."),
    ];

    public void Check(StepDefinition step, StepChecks checks)
    {
        if (string.IsNullOrWhiteSpace(StepJson.Text(step.Json, "connection_id")))
        {
            checks.Add("connection_id", "connection_id is required (cxn_…).");
        }

        if (string.IsNullOrWhiteSpace(StepJson.Text(step.Json, "action")))
        {
            checks.Add("action", "action is required.");
        }

        if (step.Json["input"] is not (null or JsonObject))
        {
            checks.Add("input", "input must be an object of the action's fields to values.");
            return;
        }

        StepInputs.CheckTemplates(checks, "input", step.Json["input"]);
    }

    public async Task CheckAsync(StepDefinition step, StepChecks checks, IServiceProvider services, CancellationToken ct)
    {
        if (StepJson.Text(step.Json, "connection_id") is not { } connection || StepJson.Text(step.Json, "action") is not { } action)
        {
            return;
        }

        var input = step.Json["input"] as JsonObject ?? [];
        var templated = input.Where(p => IsTemplated(p.Value)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var errors = await services.GetRequiredService<AppActions>().CheckAsync(connection, action, input, templated, ct);
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                checks.Add(field, message);
            }
        }
    }

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
    {
        var json = context.Step.Json;
        var connection = StepJson.Text(json, "connection_id") ?? "";
        var action = StepJson.Text(json, "action") ?? "";
        var input = await StepInputs.RenderObjectAsync(templates, json["input"] as JsonObject ?? [], context.Data);
        if (context.DryRun)
        {
            return StepOutcome.Done(new JsonObject
            {
                ["would"] = new JsonObject { ["connection_id"] = connection, ["action"] = action, ["input"] = input },
            });
        }

        var outcome = await context.Services.GetRequiredService<AppActions>().RunAsync(connection, action, input, ct);
        return outcome switch
        {
            { Result: { } result } => StepOutcome.Done(result),
            { Errors: { Count: > 0 } errors } => StepOutcome.Failed(string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))),
            { RetryAfter: { } after, ProviderError: { } throttled } => StepOutcome.Failed(throttled, retry: true, retryAfter: after),
            { ProviderError: { } error } => StepOutcome.Failed(error),
            { Unusable: { } unusable } => StepOutcome.Failed($"{unusable} Connect the app again."),
            { Missing: { } missing } => StepOutcome.Failed(missing),
            _ => StepOutcome.Failed("The action gave no result."),
        };
    }

    private static bool IsTemplated(JsonNode? value) =>
        value is JsonValue && StepJson.IsText(value) && value.GetValue<string>() is var text
        && (text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal));
}
