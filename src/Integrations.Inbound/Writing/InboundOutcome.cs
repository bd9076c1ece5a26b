using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;

namespace Integrations.Inbound.Writing;

/// <summary>What one mapped document did: the record it created or updated (and any linked first), or why not.</summary>
internal sealed record InboundOutcome(
    RecordChange? Change, Guid? RecordId, JsonObject? Record, IReadOnlyList<InboundLinkOutcome> Linked, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static InboundOutcome Failed(IEnumerable<FieldError> errors) => new(null, null, null, [], errors.ToList());
}

internal sealed record InboundLinkOutcome(string Field, string Object, Guid RecordId, RecordChange Change);
