namespace Integrations.Inbound.Sources.Requests;

/// <summary>
/// A body a source received, held for <see cref="SourceOptions.BodyDedupeWindow"/> when its method signs no timestamp
/// or id: within that time the same body is a replay, whatever delivery id it carries.
/// </summary>
internal sealed class InboundBodyHash
{
    public Guid SourceId { get; init; }

    /// <summary>SHA-256 of the raw body.</summary>
    public required byte[] BodyHash { get; init; }

    /// <summary>The request that brought the body: the id a repeat is answered with.</summary>
    public Guid RequestId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}
