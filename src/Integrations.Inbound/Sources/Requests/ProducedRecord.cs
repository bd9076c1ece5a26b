using Integrations.Crm.Pipeline;
using Integrations.Inbound.Writing;
using Integrations.Platform.Ids;
using Integrations.Crm.Schema;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>The record a request created or updated (<c>deal_…</c>, <c>created</c>), and the linked ones written first.</summary>
public sealed record ProducedRecord(string Object, string Id, string Change, IReadOnlyList<ProducedLink> Linked)
{
    internal static ProducedRecord From(string objectName, InboundOutcome outcome) => new(
        objectName, PublicId.Format(RecordTypes.Get(objectName).Prefix, outcome.RecordId!.Value), Name(outcome.Change!.Value),
        outcome.Linked.Select(l => new ProducedLink(l.Field, l.Object, PublicId.Format(RecordTypes.Get(l.Object).Prefix, l.RecordId), Name(l.Change))).ToList());

    private static string Name(RecordChange change) => Platform.Audit.AuditTrail.Name(change);
}

public sealed record ProducedLink(string Field, string Object, string Id, string Change);
