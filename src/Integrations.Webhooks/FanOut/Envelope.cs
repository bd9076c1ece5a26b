using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Webhooks.FanOut;

/// <summary>The body every delivery POSTs: <c>{"id": "evt_…", "event": "…", "timestamp": "…Z", "data": {…}}</c>.</summary>
internal static class Envelope
{
    /// <summary>The body of <paramref name="e"/> sent as <paramref name="type"/>: its own, or the <c>record.*</c> one it is a
    /// kind of (same id, same data).</summary>
    public static string Build(AppendedEvent e, string type) =>
        Build(PublicId.Format(IdPrefixes.Event, e.Id), type, e.OccurredAt, JsonNode.Parse(e.Data.Bytes));

    public static string Build(string eventId, string type, DateTimeOffset at, string dataJson) =>
        Build(eventId, type, at, JsonNode.Parse(dataJson));

    private static string Build(string eventId, string type, DateTimeOffset at, JsonNode? data) => new JsonObject
    {
        ["id"] = eventId,
        ["event"] = type,
        ["timestamp"] = EventTime.Format(at),
        ["data"] = data,
    }.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
