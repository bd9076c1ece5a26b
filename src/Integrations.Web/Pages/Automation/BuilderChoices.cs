using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;
using Integrations.Automation.Builder;
using Integrations.Crm.Schema;
using Integrations.Platform.Events;

namespace Integrations.Web.Pages.Automation;

/// <summary>What the builder offers: trigger types, objects and their fields, app and platform events, operators, step
/// types (with their inputs), the workspace's connections and each app's actions from the catalogue.</summary>
public sealed class BuilderChoices(WorkflowAdmin directory, AppCatalogue catalogue, IReadOnlyList<ConnectionView> connections)
{
    private static readonly HashSet<string> RecordEventPrefixes = ["record", .. RecordTypes.All.Select(t => t.Name)];

    public IReadOnlyList<TriggerTypeInfo> TriggerTypes => directory.TriggerTypes;

    public IReadOnlyList<ConditionOpInfo> Ops => directory.ConditionOps;

    public IReadOnlyList<StepTypeInfo> StepTypes { get; } = directory.StepTypes;

    public static IReadOnlyList<RecordType> Objects => RecordTypes.All;

    /// <summary>Connected apps' trigger events (<c>slack.message_posted</c>).</summary>
    public static IReadOnlyList<EventType> AppEvents { get; } = [.. EventCatalog.All.Where(IsAppTrigger)];

    /// <summary>Published platform events that are not record changes (<c>invoice.paid</c>, <c>import.completed</c>).</summary>
    public static IReadOnlyList<EventType> PlatformEvents { get; } =
        [.. EventCatalog.All.Where(e => !IsAppTrigger(e) && !RecordEventPrefixes.Contains(e.Name[..e.Name.IndexOf('.', StringComparison.Ordinal)]))];

    public IReadOnlyList<ConnectionView> Connections => connections;

    public StepTypeInfo? StepType(string type) => StepTypes.FirstOrDefault(t => t.Type == type);

    public string AppName(string appId) => catalogue.Find(appId)?.Name ?? appId;

    /// <summary>The actions of the connection's app; none until a connection is chosen.</summary>
    public IReadOnlyList<AppAction> ActionsOf(string? connectionId) =>
        connections.FirstOrDefault(c => c.Id == connectionId) is { } connection ? catalogue.Find(connection.AppId)?.Actions ?? [] : [];

    public AppAction? Action(string? connectionId, string? action) => ActionsOf(connectionId).FirstOrDefault(a => a.Id == action || $"{AppOf(connectionId)}.{a.Id}" == action);

    /// <summary>The record fields a template or condition can read for the trigger's object.</summary>
    public static IReadOnlyList<RecordField> FieldsOf(string? objectName) => objectName is null ? [] : RecordTypes.Find(objectName)?.Fields ?? [];

    private string? AppOf(string? connectionId) => connections.FirstOrDefault(c => c.Id == connectionId)?.AppId;

    private static bool IsAppTrigger(EventType type) => type.Group == "Apps" && !type.Name.StartsWith("app.", StringComparison.Ordinal);
}
