using Integrations.Crm.Pipeline;
using Integrations.Inbound.Writing;

namespace Integrations.Inbound.Mapping;

/// <summary>
/// The inbound mapping (<see cref="RecordMapping"/>: payload path → record field, upsert key, linked records) for other
/// modules whose documents become records the same way, e.g. a connected app's synced items: checked as a source's
/// mapping is, and written through the same writer (the record pipeline, external ids remembered per origin).
/// </summary>
public sealed class RecordMappings
{
    private readonly InboundWriter writer;

    internal RecordMappings(InboundWriter writer) => this.writer = writer;

    /// <summary>Every problem of <paramref name="mapping"/>, each named from <paramref name="at"/>; empty when it is sound.</summary>
    public static IReadOnlyList<FieldError> Check(RecordMapping? mapping, string at = "mapping") => MappingRules.Check(mapping, at);

    /// <summary>Maps <paramref name="json"/> (one document) and writes it as the scoped caller, in the caller's transaction
    /// under a savepoint; the record written, or the errors naming the fields that failed.</summary>
    /// <param name="originId">Whose external ids these are (a connection's id): the same external id in another origin
    /// is another record.</param>
    public async Task<MappedWrite> WriteAsync(Guid originId, RecordMapping mapping, string json, CancellationToken ct)
    {
        if (!JsonDocumentReader.TryParse(json, out var document, out var error))
        {
            return new MappedWrite(null, null, [new FieldError("document", error!)]);
        }

        var outcome = await writer.WriteAsync(originId, RecordMapper.Map(mapping, document!), ct);
        return new MappedWrite(outcome.Change, outcome.RecordId, outcome.Errors);
    }
}

/// <summary>What one mapped document did: created or updated a record (its id), or failed with field errors.</summary>
public sealed record MappedWrite(RecordChange? Change, Guid? RecordId, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
