using Integrations.Crm.Schema;
using Integrations.Platform.Events;

namespace Integrations.Automation.Definitions;

/// <summary>
/// Which catalog events a trigger may name: an <c>app.event</c> trigger a connected app's trigger event
/// (<c>slack.message_posted</c>: group Apps, named <c>{app}.{trigger}</c>); an <c>event</c> trigger any other event that
/// is not a record change (record changes have their own triggers): <c>import.completed</c>, <c>post.published</c>,
/// <c>invoice.paid</c> and the other events <c>POST /api/v1/events</c> publishes.
/// </summary>
internal static class TriggerEvents
{
    private static readonly HashSet<string> RecordPrefixes = ["record", .. RecordTypes.All.Select(t => t.Name)];

    public static readonly IReadOnlyList<EventType> App = [.. EventCatalog.All.Where(IsAppTrigger)];

    public static readonly IReadOnlyList<EventType> Platform = [.. EventCatalog.All.Where(e => !IsAppTrigger(e) && !IsRecordEvent(e))];

    public static bool IsAppTrigger(EventType type) => type.Group == "Apps" && !type.Name.StartsWith("app.", StringComparison.Ordinal);

    public static bool IsRecordEvent(EventType type) => RecordPrefixes.Contains(type.Name[..type.Name.IndexOf('.', StringComparison.Ordinal)]);

    /// <summary>The app an app trigger event belongs to (<c>slack</c> of <c>slack.message_posted</c>).</summary>
    public static string AppOf(string eventName) => eventName[..eventName.IndexOf('.', StringComparison.Ordinal)];
}
