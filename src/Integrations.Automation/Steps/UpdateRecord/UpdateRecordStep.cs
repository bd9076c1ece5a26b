using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps.Records;
using Integrations.Automation.Templates;
using Integrations.Crm.Pipeline;
using Integrations.Platform.Ids;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Steps.UpdateRecord;

/// <summary><c>update_record</c> <c>{"fields": {"job_title": "VIP {{ record.name }}"}}</c>: changes the triggering
/// record through the record pipeline (validation, audit, events, as if typed). Output: the record after the change.</summary>
internal sealed class UpdateRecordStep(WorkflowTemplates templates) : IStepType
{
    public string Type => "update_record";
    public string Title => "Update the record";
    public string Description => "Sets fields of the record the workflow runs for.";
    public bool SafeToDryRun => false;

    public IReadOnlyList<StepField> Fields { get; } =
    [
        new("fields", "fields", true, "Fields of the triggering record to set; values are templates."),
    ];

    public void Check(StepDefinition step, StepChecks checks)
    {
        if (TriggeringRecord.Check(checks, Type) is { } type)
        {
            RecordFields.Check(checks, type, step.Json["fields"]);
        }
        else if (step.Json["fields"] is not JsonObject)
        {
            checks.Add("fields", "fields must be an object of field names to values.");
        }
    }

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
    {
        if (TriggeringRecord.Read(context.Data) is not var (type, id))
        {
            return StepOutcome.Failed("This run has no record to update.");
        }

        var fields = await RecordFields.RenderAsync(templates, context.Step.Json["fields"] as JsonObject, context.Data);
        if (context.DryRun)
        {
            return StepOutcome.Done(new JsonObject
            {
                ["would"] = new JsonObject { ["update"] = PublicId.Format(type.Prefix, id), ["fields"] = fields },
            });
        }

        var pipeline = context.Services.GetRequiredService<RecordPipeline>();
        var result = await pipeline.ApplyAsync(type, [new RecordCommand(RecordOperation.Update, id, fields)], new RecordBatchOptions(), ct);
        var outcome = result.Outcomes[0];
        return outcome.Succeeded && outcome.Record is { } record ? StepOutcome.Done(record) : RecordRefusal.Of(outcome, result.Raced);
    }
}
