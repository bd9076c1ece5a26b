using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Inbound.Mapping;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Inbound.Writing;

/// <summary>
/// Writes a mapped document through the record pipeline, as the scoped caller (set it to the source or connector
/// first): linked records, then the record itself, in one transaction, so a failure leaves nothing behind. Inside a
/// transaction of the caller's (a source records its request's outcome in the same one) it works under a savepoint.
/// </summary>
internal sealed class InboundWriter(IntegrationsDbContext db, RecordPipeline pipeline)
{
    /// <param name="originId">The source or connector the document came from; external ids are remembered per origin.</param>
    public async Task<InboundOutcome> WriteAsync(Guid originId, MappedRecord mapped, CancellationToken ct)
    {
        if (mapped.AllErrors is { Count: > 0 } mappingErrors)
        {
            return InboundOutcome.Failed(mappingErrors);
        }

        await using var transaction = await WriteScope.BeginAsync(db, ct);
        var linked = new List<InboundLinkOutcome>();
        foreach (var (link, record) in mapped.Links)
        {
            var outcome = await WriteOneAsync(originId, record, ct);
            if (!outcome.Succeeded)
            {
                await transaction.RollbackAsync(ct);
                return InboundOutcome.Failed(outcome.Errors.Select(e => e with { Field = $"{link.Field}.{e.Field}" }));
            }

            mapped.Fields[link.Field] = PublicId.Format(record.Type.Prefix, outcome.Id!.Value);
            linked.Add(new InboundLinkOutcome(link.Field, record.Type.Name, outcome.Id.Value, outcome.Change!.Value));
        }

        var main = await WriteOneAsync(originId, mapped, ct);
        if (!main.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            return InboundOutcome.Failed(main.Errors);
        }

        await transaction.CommitAsync(ct);
        return new InboundOutcome(main.Change, main.Id, main.Record, linked, []);
    }

    private async Task<RecordOutcome> WriteOneAsync(Guid originId, MappedRecord mapped, CancellationToken ct)
    {
        var type = mapped.Type;
        var by = mapped.Mapping.Upsert.By;
        switch (by)
        {
            case UpsertKey.None:
                return await ApplyAsync(type, RecordOperation.Create, null, mapped, null, ct);
            case UpsertKey.Id:
                return PublicId.TryParse(type.Prefix, mapped.Key, out var id)
                    ? await ApplyAsync(type, RecordOperation.Upsert, id, mapped, UpsertKey.Id, ct)
                    : Refused(type, "upsert", $"'{mapped.Key}' is not {type.Name} id (like {type.Prefix}_…).");
            case UpsertKey.ExternalId:
                return await WriteByExternalIdAsync(originId, mapped, ct);
            default:
                return await ApplyAsync(type, RecordOperation.Upsert, null, mapped, by, ct);
        }
    }

    private async Task<RecordOutcome> WriteByExternalIdAsync(Guid originId, MappedRecord mapped, CancellationToken ct)
    {
        var type = mapped.Type;
        var key = mapped.Key!;
        if (key.Length > 500)
        {
            return Refused(type, "upsert", "The external id is longer than 500 characters.");
        }

        // Two deliveries about the same new external record must not both create it.
        var lockKey = $"inbound:{originId}:{type.Name}:{key}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({lockKey}, 0))", ct);
        // Untracked read and a plain upsert: a rolled-back write must leave nothing behind in the change tracker
        // either, since a connector's run writes many items through one context.
        var recordId = await db.Set<InboundLink>().AsNoTracking()
            .Where(l => l.OriginId == originId && l.ObjectType == type.Name && l.ExternalKey == key)
            .Select(l => (Guid?)l.RecordId)
            .SingleOrDefaultAsync(ct);
        if (recordId is { } linkedId)
        {
            var updated = await ApplyAsync(type, RecordOperation.Upsert, linkedId, mapped, UpsertKey.Id, ct);
            if (updated.ErrorKind != RecordErrorKind.NotFound)
            {
                return updated;
            }
        }

        // New to us, or its record was deleted here since: create it (again) and remember it.
        var created = await ApplyAsync(type, RecordOperation.Create, null, mapped, null, ct);
        if (created.Succeeded)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO inbound_links (workspace_id, origin_id, object_type, external_key, record_id)
                VALUES ({db.CurrentWorkspaceId}, {originId}, {type.Name}, {key}, {created.Id!.Value})
                ON CONFLICT (workspace_id, origin_id, object_type, external_key) DO UPDATE SET record_id = excluded.record_id
                """, ct);
        }

        return created;
    }

    private async Task<RecordOutcome> ApplyAsync(RecordType type, RecordOperation operation, Guid? id, MappedRecord mapped,
        string? upsertBy, CancellationToken ct)
    {
        var command = new RecordCommand(operation, id, (JsonObject)mapped.Fields.DeepClone());
        var result = await pipeline.ApplyAsync(type, [command], new RecordBatchOptions(UpsertBy: upsertBy), ct);
        return result.Outcomes[0];
    }

    private static RecordOutcome Refused(RecordType type, string field, string message) =>
        new(0, null, null, null, RecordErrorKind.Invalid, [new FieldError(field, message)]);
}
