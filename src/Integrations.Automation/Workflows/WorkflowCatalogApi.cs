using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integrations.Automation.Workflows;

/// <summary>What a workflow can be made of, for the builder page and API clients: step types and trigger types.</summary>
internal static class WorkflowCatalogApi
{
    public static Ok<StepTypeList> StepTypes(StepTypes types) => TypedResults.Ok(new StepTypeList(
        [.. types.All.OrderBy(t => t.Type, StringComparer.Ordinal).Select(t => new StepTypeView(t.Type, t.Title, t.Description, t.Fields, t.SafeToDryRun))]));

    public static Ok<TriggerTypeList> TriggerTypes() => TypedResults.Ok(new TriggerTypeList(
        [.. Definitions.TriggerTypes.All.Select(t => new TriggerTypeView(t, TriggerRules.PropertiesOf(t), Required(t)))],
        [.. TriggerEvents.App.Select(e => new TriggerEventView(e.Name, e.Description, e.Example))],
        [.. TriggerEvents.Platform.Select(e => new TriggerEventView(e.Name, e.Description, e.Example))],
        Crm.Schema.RecordTypes.All.Select(t => t.Name).ToList()));

    private static IReadOnlyList<string> Required(string type) => type switch
    {
        _ when Definitions.TriggerTypes.IsRecord(type) => ["object"],
        Definitions.TriggerTypes.AppEvent or Definitions.TriggerTypes.Event => ["event"],
        Definitions.TriggerTypes.Schedule => ["cron"],
        _ => [],
    };
}

internal sealed record StepTypeList(IReadOnlyList<StepTypeView> Data);

internal sealed record StepTypeView(string Type, string Title, string Description, IReadOnlyList<StepField> Fields, bool SafeToDryRun);

internal sealed record TriggerTypeList(
    IReadOnlyList<TriggerTypeView> Data, IReadOnlyList<TriggerEventView> AppEvents, IReadOnlyList<TriggerEventView> PlatformEvents, IReadOnlyList<string> Objects);

internal sealed record TriggerTypeView(string Type, IReadOnlyList<string> Properties, IReadOnlyList<string> Required);

internal sealed record TriggerEventView(string Event, string Description, System.Text.Json.Nodes.JsonObject Example);
