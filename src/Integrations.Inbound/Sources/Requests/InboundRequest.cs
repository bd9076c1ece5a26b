using Integrations.Platform.Data;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>
/// One verified request as received, stored before it is answered: the queue the worker processes and the source's log.
/// </summary>
internal sealed class InboundRequest : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public Guid SourceId { get; init; }

    /// <summary>The sender's id for the delivery (header or body path, as the source says); unique per source.</summary>
    public string? DeliveryId { get; init; }
    public required byte[] Body { get; init; }

    /// <summary>The headers worth seeing later, as a JSON object; never signatures or credentials.</summary>
    public required string Headers { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public RequestStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>JSON list of <c>{field, message}</c> when processing failed.</summary>
    public string? Errors { get; set; }

    /// <summary>JSON <see cref="ProducedRecord"/> when processing wrote a record.</summary>
    public string? Record { get; set; }
}

public enum RequestStatus
{
    /// <summary>Stored and answered 202; waiting for the worker.</summary>
    Received,
    Processed,
    Failed,
}
