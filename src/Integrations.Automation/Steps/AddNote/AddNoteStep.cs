using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps.Records;
using Integrations.Automation.Templates;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Steps.AddNote;

/// <summary>
/// <c>add_note</c> <c>{"text": "…", "record": "{{ record.id }}"}</c>: an activity of kind note on a contact, account or
/// deal (the triggering record by default), through the record pipeline. The note's external id is the step's
/// idempotency key (under the workflow's id), so a repeated attempt cannot add it twice. Output <c>{"id"}</c>.
/// </summary>
internal sealed class AddNoteStep(WorkflowTemplates templates, TimeProvider clock) : IStepType
{
    private static readonly Dictionary<string, string> ReferenceOf = new(StringComparer.Ordinal)
    {
        [RecordTypes.Contact.Name] = "contact_id", [RecordTypes.Account.Name] = "account_id", [RecordTypes.Deal.Name] = "deal_id",
    };

    public string Type => "add_note";
    public string Title => "Add a note";
    public string Description => "Adds a note to the timeline of a contact, account or deal.";
    public bool SafeToDryRun => false;

    public IReadOnlyList<StepField> Fields { get; } =
    [
        new("text", "text", true, "The note; a template."),
        new("record", "text", false, "The id of the contact, account or deal (a template); the triggering record by default."),
    ];

    public void Check(StepDefinition step, StepChecks checks)
    {
        if (string.IsNullOrWhiteSpace(StepJson.Text(step.Json, "text")))
        {
            checks.Add("text", "text is required.");
        }

        checks.Template("text", StepJson.Text(step.Json, "text"));
        if (step.Json["record"] is { } record)
        {
            if (!StepJson.IsText(record))
            {
                checks.Add("record", "record must be a record id or a template.");
            }

            checks.Template("record", StepJson.Text(step.Json, "record"));
        }
        else if (TriggeringRecord.Check(checks, Type) is { } type && !ReferenceOf.ContainsKey(type.Name))
        {
            checks.Add("record", $"Notes go on contacts, accounts and deals, not on a {type.Name}; give record.");
        }
    }

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
    {
        var json = context.Step.Json;
        var target = StepJson.Text(json, "record") is { } given
            ? TriggeringRecord.Parse((await templates.RenderAsync(given, context.Data)).Trim())
            : TriggeringRecord.Read(context.Data);
        if (target is not var (type, id) || !ReferenceOf.TryGetValue(type.Name, out var reference))
        {
            return StepOutcome.Failed("A note goes on a contact, account or deal; this run has none to put it on.");
        }

        var fields = new JsonObject
        {
            ["kind"] = "note",
            ["channel"] = "workflow",
            ["occurred_at"] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["body"] = await templates.RenderAsync(StepJson.Text(json, "text") ?? "", context.Data),
            ["connection_id"] = PublicId.Format(IdPrefixes.Workflow, context.WorkflowId),
            ["external_id"] = context.IdempotencyKey,
            [reference] = PublicId.Format(type.Prefix, id),
        };
        if (context.DryRun)
        {
            return StepOutcome.Done(new JsonObject { ["would"] = new JsonObject { ["add_note"] = fields } });
        }

        var result = await context.Services.GetRequiredService<RecordPipeline>()
            .ApplyAsync(RecordTypes.Activity, [new RecordCommand(RecordOperation.Create, null, fields)], new RecordBatchOptions(), ct);
        var outcome = result.Outcomes[0];
        if (outcome.Succeeded && outcome.Record is { } record)
        {
            return StepOutcome.Done(new JsonObject { ["id"] = record["id"]?.DeepClone() });
        }

        // An earlier attempt with this key added the note (its outcome was lost): that note is this step's.
        return outcome.ErrorKind == RecordErrorKind.Conflict && await AddedAsync(context, fields, ct) is { } added
            ? StepOutcome.Done(new JsonObject { ["id"] = added["id"]?.DeepClone() })
            : RecordRefusal.Of(outcome, result.Raced);
    }

    private static async Task<JsonObject?> AddedAsync(StepContext context, JsonObject fields, CancellationToken ct)
    {
        var filters = new Dictionary<string, object?>
        {
            ["connection_id"] = (string?)fields["connection_id"], ["external_id"] = (string?)fields["external_id"],
        };
        var page = await context.Services.GetRequiredService<RecordReader>()
            .ListAsync(RecordTypes.Activity, new RecordListQuery(Limit: 1, Filters: filters), ct);
        return page.Data is [var first, ..] ? first : null;
    }
}
