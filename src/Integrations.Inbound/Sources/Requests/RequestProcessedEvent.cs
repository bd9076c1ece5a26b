using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>
/// The <c>inbound.request_processed</c> event of a processed request: its source, the records it wrote (linked ones
/// first, as they were written) and, when the body is a small JSON object, that object as <c>payload</c>, so a workflow
/// can read fields the mapping did not keep.
/// </summary>
internal static class RequestProcessedEvent
{
    public const int MaxPayloadBytes = 8 * 1024;

    public static EventRecord Of(InboundRequest request, ProducedRecord produced)
    {
        var records = new JsonArray();
        foreach (var link in produced.Linked)
        {
            records.Add(new JsonObject { ["object"] = link.Object, ["id"] = link.Id, ["change"] = link.Change });
        }

        records.Add(new JsonObject { ["object"] = produced.Object, ["id"] = produced.Id, ["change"] = produced.Change });
        var data = new JsonObject
        {
            ["source_id"] = PublicId.Format(IdPrefixes.InboundSource, request.SourceId),
            ["request_id"] = PublicId.Format(IdPrefixes.InboundRequest, request.Id),
            ["status"] = "processed",
            ["records"] = records,
            ["payload"] = Payload(request.Body),
        };
        return new EventRecord(EventCatalog.InboundRequestProcessed, data.ToJsonString());
    }

    private static JsonObject? Payload(byte[] body)
    {
        if (body.Length > MaxPayloadBytes)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
