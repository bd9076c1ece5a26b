using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Templates;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Steps.PublishEvent;

/// <summary><c>publish_event</c> <c>{"event": "invoice.paid", "data": {…}}</c> (<c>event</c>, as in
/// the events API, since <c>type</c> is the step's own): appends a platform event for webhook
/// subscribers, as <c>POST /api/v1/events</c> does (only the catalogue's publishable types). Output <c>{"id", "event"}</c>.</summary>
internal sealed class PublishEventStep(WorkflowTemplates templates) : IStepType
{
    public string Type => "publish_event";
    public string Title => "Publish an event";
    public string Description => "Sends a platform event (invoice.paid, document.completed…) to webhook subscribers.";
    public bool SafeToDryRun => false;

    public IReadOnlyList<StepField> Fields { get; } =
    [
        new("event", "text", true, "A publishable event type of the catalogue (GET /api/v1/events/catalog)."),
        new("data", "json", true, "The event's data: a JSON object whose strings are templates."),
    ];

    public void Check(StepDefinition step, StepChecks checks)
    {
        var name = StepJson.Text(step.Json, "event");
        if (EventCatalog.Find(name ?? "") is not { } type)
        {
            checks.Add("event", $"'{name}' is not an event type; GET /api/v1/events/catalog lists them.");
        }
        else if (!type.Publishable)
        {
            checks.Add("event", $"'{name}' comes from record changes and imports; it cannot be published.");
        }

        if (step.Json["data"] is not JsonObject data)
        {
            checks.Add("data", "data must be a JSON object.");
            return;
        }

        StepInputs.CheckTemplates(checks, "data", data);
    }

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
    {
        var type = EventCatalog.Find(StepJson.Text(context.Step.Json, "event") ?? "");
        if (type is not { Publishable: true })
        {
            return StepOutcome.Failed("The event type cannot be published.");
        }

        var data = await StepInputs.RenderObjectAsync(templates, context.Step.Json["data"] as JsonObject ?? [], context.Data);
        if (context.DryRun)
        {
            return StepOutcome.Done(new JsonObject { ["would"] = new JsonObject { ["publish"] = type.Name, ["data"] = data } });
        }

        var db = context.Services.GetRequiredService<IntegrationsDbContext>();
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var appended = await context.Services.GetRequiredService<EventLog>().AppendAsync([new EventRecord(type, data.ToJsonString())], ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return StepOutcome.Done(new JsonObject { ["id"] = PublicId.Format(IdPrefixes.Event, appended[0].Id), ["event"] = type.Name });
    }
}
