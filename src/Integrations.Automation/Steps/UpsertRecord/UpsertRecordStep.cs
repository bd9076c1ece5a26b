using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps.Records;
using Integrations.Automation.Templates;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Steps.UpsertRecord;

/// <summary><c>upsert_record</c> <c>{"object": "contact", "match": "email", "fields": {…}}</c>: updates the record whose
/// natural key (the object's <c>match</c> field: email, domain, sku) equals the rendered value, else creates one — the
/// pipeline's own upsert, as imports and inbound webhooks use. Output <c>{"id", "object", "created", "record"}</c>.</summary>
internal sealed class UpsertRecordStep(WorkflowTemplates templates) : IStepType
{
    public string Type => "upsert_record";
    public string Title => "Create or update a record";
    public string Description => "Updates the record with the same email (domain, SKU), or creates it.";
    public bool SafeToDryRun => false;

    public IReadOnlyList<StepField> Fields { get; } =
    [
        new("object", "object", true, "contact (by email), account (by domain) or product (by SKU)."),
        new("match", "text", false, "The field to match on: the object's natural key (the default)."),
        new("fields", "fields", true, "The record's fields, the match field among them; values are templates."),
    ];

    public void Check(StepDefinition step, StepChecks checks)
    {
        if (ObjectInput.Check(checks, StepJson.Text(step.Json, "object")) is not { } type)
        {
            return;
        }

        if (type.NaturalKey is not { } key)
        {
            checks.Add("object", $"A {type.Name} has no field to match on; use create_record.");
            return;
        }

        if (StepJson.Text(step.Json, "match") is { } match && match != key)
        {
            checks.Add("match", $"A {type.Name} is matched by {key}.");
        }

        RecordFields.Check(checks, type, step.Json["fields"]);
        if (step.Json["fields"] is JsonObject fields && !fields.ContainsKey(key))
        {
            checks.Add($"fields.{key}", $"fields must give the {key} to match on.");
        }
    }

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
    {
        var type = RecordTypes.Get(StepJson.Text(context.Step.Json, "object") ?? "");
        var fields = await RecordFields.RenderAsync(templates, context.Step.Json["fields"] as JsonObject, context.Data);
        if (RecordKeys.NaturalKey(type, fields[type.NaturalKey!]) is null)
        {
            return StepOutcome.Failed($"{type.NaturalKey} rendered to '{fields[type.NaturalKey!]}', which cannot be matched on.");
        }

        if (context.DryRun)
        {
            return StepOutcome.Done(new JsonObject { ["would"] = new JsonObject { ["upsert"] = type.Name, ["fields"] = fields } });
        }

        var result = await context.Services.GetRequiredService<RecordPipeline>().ApplyAsync(
            type, [new RecordCommand(RecordOperation.Upsert, null, fields)], new RecordBatchOptions(UpsertBy: type.NaturalKey), ct);
        var outcome = result.Outcomes[0];
        return outcome.Succeeded && outcome.Record is { } record
            ? StepOutcome.Done(new JsonObject
            {
                ["id"] = record["id"]?.DeepClone(), ["object"] = type.Name, ["created"] = outcome.Change == RecordChange.Created, ["record"] = record,
            })
            : RecordRefusal.Of(outcome, result.Raced);
    }
}
