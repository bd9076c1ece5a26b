using System.Text.Json.Nodes;
using Integrations.Crm.Schema;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Events;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Integrations.Crm.Pipeline;

/// <summary>
/// Every record change — from a form, the API, an import, an inbound webhook or a connector — comes through here:
/// validate → persist → audit → events → plan limits, in one transaction (a refusal takes the writes back). A batch
/// runs the same steps with a fixed number of statements, whatever its size.
/// </summary>
public sealed class RecordPipeline
{
    private const string Savepoint = "record_pipeline";
    private readonly IntegrationsDbContext db;
    private readonly Caller caller;
    private readonly TimeProvider clock;
    private readonly RecordStore store;
    private readonly WorkspaceDirectory workspaces;
    private readonly AuditTrail audit;
    private readonly EventLog events;

    internal RecordPipeline(IntegrationsDbContext db, Caller caller, TimeProvider clock, RecordStore store,
        WorkspaceDirectory workspaces, AuditTrail audit, EventLog events)
    {
        this.db = db;
        this.caller = caller;
        this.clock = clock;
        this.store = store;
        this.workspaces = workspaces;
        this.audit = audit;
        this.events = events;
    }

    public async Task<RecordOutcome> CreateAsync(RecordType type, JsonObject fields, CancellationToken ct) =>
        (await ApplyAsync(type, [new RecordCommand(RecordOperation.Create, null, fields)], new RecordBatchOptions(), ct)).Outcomes[0];

    public async Task<RecordOutcome> UpdateAsync(RecordType type, Guid id, JsonObject fields, CancellationToken ct) =>
        (await ApplyAsync(type, [new RecordCommand(RecordOperation.Update, id, fields)], new RecordBatchOptions(), ct)).Outcomes[0];

    public async Task<RecordOutcome> DeleteAsync(RecordType type, Guid id, CancellationToken ct) =>
        (await ApplyAsync(type, [new RecordCommand(RecordOperation.Delete, id)], new RecordBatchOptions(), ct)).Outcomes[0];

    public async Task<BatchResult> ApplyAsync(
        RecordType type, IReadOnlyList<RecordCommand> commands, RecordBatchOptions options, CancellationToken ct)
    {
        if (!caller.IsKnown)
        {
            throw new InvalidOperationException("The record pipeline needs a caller with a workspace.");
        }

        // Postgres keeps microseconds: one truncated "now" for the whole batch keeps responses equal to later reads.
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % 10));
        var drafts = commands.Select((command, i) => RecordDraft.Parse(type, i, command)).ToList();
        if (options.AllOrNothing && drafts.Any(d => d.Failed))
        {
            return Result(drafts, now, stored: false, options);
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await ResolveAsync(type, drafts, options, ct);
        await CheckReferencesAsync(type, drafts, ct);
        var live = drafts.Where(d => !d.Failed).ToList();
        if ((options.AllOrNothing && live.Count < drafts.Count) || live.Count == 0)
        {
            return Result(drafts, now, stored: false, options);
        }

        // Written first, counted last. The workspace's record count is one row that every writer in the workspace
        // updates and that stays locked until commit: taken after the records, audit entries and events are stored,
        // two batches (an import's two writers) write side by side and queue only for the last statements before
        // commit. Inside a caller's transaction a savepoint undoes the writes when the count refuses them.
        var savepoint = transaction is null;
        if (savepoint)
        {
            await db.Database.CurrentTransaction!.CreateSavepointAsync(Savepoint, ct);
        }

        try
        {
            // The audit entries and events need nothing more from the database: for a large batch they are built on
            // another core while Postgres stores the records.
            var changes = live.Where(d => d.Change != RecordChange.Unchanged).Select(d => new ChangeRecords(d, now)).ToList();
            var trail = changes.Count >= BulkCopy.MinRows ? Task.Run(() => Trail(changes), ct) : Task.FromResult(Trail(changes));
            if (await TryWriteAsync(type, live, now, ct) is { } failure)
            {
                await UndoAsync(transaction, savepoint, ct);
                return Result(drafts, now, stored: false, options) with
                {
                    Raced = failure is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected,
                };
            }

            var (auditRecords, events) = await trail;
            await audit.AppendAsync(auditRecords, ct);
            await this.events.AppendAsync(events, ct);
            var added = live.Count(d => d.Change == RecordChange.Created);
            var allowance = await workspaces.ReserveRecordsAsync(caller.WorkspaceId, added - live.Count(d => d.Change == RecordChange.Deleted), ct);
            if (!allowance.Allowed)
            {
                await UndoAsync(transaction, savepoint, ct);
                var message = $"The {allowance.Plan} plan allows {allowance.Limit:N0} records per workspace and this one has "
                    + $"{allowance.Current:N0}; these changes would add {added:N0}.";
                live.ForEach(d => d.Fail(RecordErrorKind.LimitReached, "records", message));
                return Result(drafts, now, stored: false, options);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }
        }
        catch (PostgresException) when (savepoint)
        {
            // Whatever stopped it, the caller's transaction stays usable.
            await UndoAsync(transaction, savepoint, CancellationToken.None);
            throw;
        }

        return Result(drafts, now, stored: true, options);
    }

    /// <summary>Takes back what this call wrote: its own transaction, or its savepoint in the caller's.</summary>
    private async Task UndoAsync(IDbContextTransaction? owned, bool savepoint, CancellationToken ct)
    {
        if (savepoint)
        {
            await db.Database.CurrentTransaction!.RollbackToSavepointAsync(Savepoint, ct);
        }
        else
        {
            await owned!.RollbackAsync(ct);
        }
    }

    private static (List<AuditRecord> Audit, List<EventRecord> Events) Trail(List<ChangeRecords> changes)
    {
        var json = new JsonText();
        var audit = new List<AuditRecord>(changes.Count);
        var events = new List<EventRecord>(changes.Count);
        foreach (var change in changes)
        {
            audit.Add(change.Audit(json));
            change.AddEvent(json, events);
        }

        return (audit, events);
    }

    /// <summary>Matches each command to what is stored (one locking query) and works out the record it becomes.</summary>
    private async Task ResolveAsync(RecordType type, List<RecordDraft> drafts, RecordBatchOptions options, CancellationToken ct)
    {
        var ids = drafts.Where(d => d.Command.Id is not null).Select(d => d.Command.Id!.Value).Distinct().ToArray();
        var keys = drafts.Select(d => d.GivenKey as string).OfType<string>().Distinct().ToArray();
        var stored = drafts.All(d => d.Failed) ? [] : await store.LockAsync(type, ids, keys, ct);
        var byId = stored.ToDictionary(r => r.Id);
        var byKey = type.NaturalKey is { } keyField
            ? stored.Where(r => r.Values[keyField] is string).ToDictionary(r => (string)r.Values[keyField]!)
            : [];
        var fresh = new Queue<Guid>(PublicId.NewIds(clock, drafts.Count(d => !d.Failed)));
        var claimedKeys = new Dictionary<string, RecordDraft>(drafts.Count);
        var touched = new Dictionary<Guid, RecordDraft>(drafts.Count);
        foreach (var draft in drafts.Where(d => !d.Failed))
        {
            var match = Match(type, draft, options, byId, byKey);
            if (draft.Failed)
            {
                continue;
            }

            if (match is null)
            {
                draft.BecomeNew(fresh.Dequeue());
            }
            else if (draft.Command.Operation == RecordOperation.Delete)
            {
                draft.Id = match.Id;
                draft.Before = match;
                draft.Change = RecordChange.Deleted;
            }
            else
            {
                draft.MergeInto(match);
            }

            if (touched.TryGetValue(draft.Id, out var first))
            {
                draft.Fail(RecordErrorKind.Conflict, "id",
                    $"This {type.Name} is already changed by record {first.Index} of this batch.");
                continue;
            }

            touched[draft.Id] = draft;
            if (draft.Change is RecordChange.Created or RecordChange.Updated)
            {
                draft.CheckComplete();
                ClaimKey(type, draft, byKey, claimedKeys);
            }
        }
    }

    private static StoredRecord? Match(RecordType type, RecordDraft draft, RecordBatchOptions options,
        Dictionary<Guid, StoredRecord> byId, Dictionary<string, StoredRecord> byKey)
    {
        var id = draft.Command.Id;
        switch (draft.Command.Operation)
        {
            case RecordOperation.Create:
                return null;
            case RecordOperation.Update or RecordOperation.Delete:
                if (id is { } wanted && byId.TryGetValue(wanted, out var found))
                {
                    return found;
                }

                draft.Fail(RecordErrorKind.NotFound, "id",
                    $"No {type.Name} with id '{(id is null ? "" : PublicId.Format(type.Prefix, id.Value))}' exists in this workspace.");
                return null;
            default:
                if (id is { } upsertId)
                {
                    if (byId.TryGetValue(upsertId, out var byIdMatch))
                    {
                        return byIdMatch;
                    }

                    draft.Fail(RecordErrorKind.NotFound, "id",
                        $"No {type.Name} with id '{PublicId.Format(type.Prefix, upsertId)}' exists in this workspace.");
                    return null;
                }

                return options.UpsertBy != "id" && draft.GivenKey is string key ? byKey.GetValueOrDefault(key) : null;
        }
    }

    /// <summary>A natural key (email, domain, SKU) may belong to one record only, in the table and in the batch.</summary>
    private static void ClaimKey(RecordType type, RecordDraft draft, Dictionary<string, StoredRecord> byKey,
        Dictionary<string, RecordDraft> claimed)
    {
        if (type.NaturalKey is not { } field || draft.After[field] is not string key)
        {
            return;
        }

        if (byKey.TryGetValue(key, out var owner) && owner.Id != draft.Id)
        {
            draft.Fail(RecordErrorKind.Conflict, field,
                $"A {type.Name} with {field} '{key}' already exists ({PublicId.Format(type.Prefix, owner.Id)}).");
        }
        else if (claimed.TryGetValue(key, out var other) && other.Id != draft.Id)
        {
            draft.Fail(RecordErrorKind.Conflict, field, $"{field} '{key}' is used by record {other.Index} of this batch too.");
        }
        else
        {
            claimed[key] = draft;
        }
    }

    /// <summary>Referenced records (a contact's account, a deal's contact) must exist in this workspace.</summary>
    private async Task CheckReferencesAsync(RecordType type, List<RecordDraft> drafts, CancellationToken ct)
    {
        foreach (var field in type.Fields.Where(f => f.Kind == FieldKind.Reference))
        {
            var pointing = drafts
                .Where(d => !d.Failed && d.Changed.Contains(field.Name) && d.After[field.Name] is Guid)
                .ToList();
            if (pointing.Count == 0)
            {
                continue;
            }

            var target = RecordTypes.Get(field.RefersTo!);
            var existing = await store.ExistingAsync(target, pointing.Select(d => (Guid)d.After[field.Name]!).Distinct().ToArray(), ct);
            foreach (var draft in pointing.Where(d => !existing.Contains((Guid)d.After[field.Name]!)))
            {
                draft.Fail(RecordErrorKind.Invalid, field.Name,
                    $"{field.Name} '{PublicId.Format(target.Prefix, (Guid)draft.After[field.Name]!)}' does not match any {target.Name} in this workspace.");
            }
        }
    }

    /// <summary>Null when stored; else the SQLSTATE that stopped it.</summary>
    private async Task<string?> TryWriteAsync(RecordType type, List<RecordDraft> live, DateTimeOffset now, CancellationToken ct)
    {
        var sql = RecordSql.For(type);
        try
        {
            await store.InsertAsync(type, live.Where(d => d.Change == RecordChange.Created).ToList(), now, ct);
            await store.UpdateAsync(type, Rows(sql, live, RecordChange.Updated), now, ct);
            await store.DeleteAsync(type, live.Where(d => d.Change == RecordChange.Deleted).Select(d => d.Id).ToArray(), ct);
            return null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected)
        {
            // Another batch is writing some of the same records in the other order (a bulk call beside an import).
            live.ForEach(d => d.Fail(RecordErrorKind.Conflict, "id", "Another change to the same records happened at the same moment; try again."));
            return e.SqlState;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation)
        {
            // Deleting a record others still point at is refused rather than silently changing them; anything else
            // here means another transaction got in between our locking read and this write.
            var (field, message) = e.SqlState == PostgresErrorCodes.UniqueViolation
                ? type.UniqueTogether is [.., var last]
                    ? (last, $"{string.Join(" and ", type.UniqueTogether)} are already used by another {type.Name} in this workspace.")
                    : (type.NaturalKey ?? "id", $"Another change stored the same {type.NaturalKey} at the same moment; try again.")
                : e.TableName != type.Table
                    ? ("id", $"This {type.Name} is still referenced by {e.TableName}; reassign or delete those first.")
                    : ("id", "A referenced record was deleted at the same moment; try again.");
            live.ForEach(d => d.Fail(RecordErrorKind.Conflict, field, message));
            return e.SqlState;
        }
    }

    private static List<JsonObject> Rows(RecordSql sql, List<RecordDraft> live, RecordChange change) =>
        live.Where(d => d.Change == change).Select(d => sql.Row(d.Id, d.After, d.AfterCustom)).ToList();

    /// <summary>
    /// Outcomes in command order. When nothing was stored, commands that were fine report no change rather than
    /// a change that did not happen.
    /// </summary>
    private static BatchResult Result(List<RecordDraft> drafts, DateTimeOffset now, bool stored, RecordBatchOptions options) =>
        new(drafts.Select(d => d.Failed || !stored || d.Change is null
            ? new RecordOutcome(d.Index, d.Id == Guid.Empty ? null : d.Id, null, null, d.ErrorKind, d.Errors)
            : new RecordOutcome(d.Index, d.Id, d.Change, options.ReturnRecords ? RecordJson.From(d.Type, d.Snapshot(now)) : null, null, []))
            .ToList());
}
