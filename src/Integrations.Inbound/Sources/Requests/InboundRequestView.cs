using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Integrations.Crm.Pipeline;
using Integrations.Platform.Ids;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>A request in the source's log. <c>Body</c> and <c>Headers</c> only in the detail answer.</summary>
public sealed record InboundRequestView(
    string RequestId, string SourceId, string? DeliveryId, RequestStatus Status, DateTimeOffset ReceivedAt,
    DateTimeOffset? ProcessedAt, int Attempts, IReadOnlyList<FieldError> Errors, ProducedRecord? Record)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Body { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    internal static InboundRequestView From(InboundRequest r, bool detail = false) => new(
        PublicId.Format(IdPrefixes.InboundRequest, r.Id), PublicId.Format(IdPrefixes.InboundSource, r.SourceId), r.DeliveryId,
        r.Status, r.ReceivedAt, r.ProcessedAt, r.Attempts,
        r.Errors is null ? [] : JsonSerializer.Deserialize<List<FieldError>>(r.Errors, Json) ?? [],
        r.Record is null ? null : JsonSerializer.Deserialize<ProducedRecord>(r.Record, Json))
    {
        Body = detail ? Encoding.UTF8.GetString(r.Body) : null,
        Headers = detail ? JsonSerializer.Deserialize<Dictionary<string, string>>(r.Headers) : null,
    };
}
