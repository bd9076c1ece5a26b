using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Webhooks.FanOut;

/// <summary>The body every delivery POSTs: <c>{"id": "evt_…", "event": "…", "timestamp": "…Z", "data": {…}}</c>.</summary>
internal static class Envelope
{
    public static string Build(AppendedEvent e) =>
        Build(PublicId.Format(IdPrefixes.Event, e.Id), e.Type, e.OccurredAt, JsonNode.Parse(e.Data.Bytes));

    public static string Build(string eventId, string type, DateTimeOffset at, string dataJson) =>
        Build(eventId, type, at, JsonNode.Parse(dataJson));

    private static string Build(string eventId, string type, DateTimeOffset at, JsonNode? data) => new JsonObject
    {
        ["id"] = eventId,
        ["event"] = type,
        ["timestamp"] = at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["data"] = data,
    }.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
