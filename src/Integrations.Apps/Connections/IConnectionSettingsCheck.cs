using System.Text.Json.Nodes;

namespace Integrations.Apps.Connections;

/// <summary>What an app's settings must be beyond their field types (Notion's mapping is a sound inbound mapping),
/// checked before a change is saved. At most one per app id.</summary>
internal interface IConnectionSettingsCheck
{
    string AppId { get; }

    /// <summary>The problems of the values being set, keyed <c>settings.{name}…</c>; empty when they may be saved.</summary>
    Dictionary<string, string[]> Check(JsonObject values);
}
