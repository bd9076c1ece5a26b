using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps.Records;
using Integrations.Automation.Templates;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Steps.CreateRecord;

/// <summary><c>create_record</c> <c>{"object": "deal", "fields": {…}}</c>: a new record through the record pipeline.
/// Output <c>{"id", "object", "record"}</c>.</summary>
internal sealed class CreateRecordStep(WorkflowTemplates templates) : IStepType
{
    public string Type => "create_record";
    public string Title => "Create a record";
    public string Description => "Creates a contact, account, deal, product or activity.";
    public bool SafeToDryRun => false;

    public IReadOnlyList<StepField> Fields { get; } =
    [
        new("object", "object", true, "What to create: contact, account, deal, product or activity."),
        new("fields", "fields", true, "The new record's fields; values are templates."),
    ];

    public void Check(StepDefinition step, StepChecks checks)
    {
        if (ObjectInput.Check(checks, StepJson.Text(step.Json, "object")) is { } type)
        {
            RecordFields.Check(checks, type, step.Json["fields"]);
        }
    }

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
    {
        var type = RecordTypes.Get(StepJson.Text(context.Step.Json, "object") ?? "");
        var fields = await RecordFields.RenderAsync(templates, context.Step.Json["fields"] as JsonObject, context.Data);
        if (context.DryRun)
        {
            return StepOutcome.Done(new JsonObject { ["would"] = new JsonObject { ["create"] = type.Name, ["fields"] = fields } });
        }

        var result = await context.Services.GetRequiredService<RecordPipeline>()
            .ApplyAsync(type, [new RecordCommand(RecordOperation.Create, null, fields)], new RecordBatchOptions(), ct);
        var outcome = result.Outcomes[0];
        return outcome.Succeeded && outcome.Record is { } record
            ? StepOutcome.Done(new JsonObject { ["id"] = record["id"]?.DeepClone(), ["object"] = type.Name, ["record"] = record })
            : RecordRefusal.Of(outcome, result.Raced);
    }
}
