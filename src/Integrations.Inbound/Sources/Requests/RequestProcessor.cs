using System.Text;
using System.Text.Json;
using Integrations.Crm.Pipeline;
using Integrations.Inbound.Mapping;
using Integrations.Inbound.Writing;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>
/// Processes the oldest waiting request: claimed with FOR UPDATE SKIP LOCKED, parsed, mapped and written as its source,
/// and its outcome recorded, all in one transaction. A crash anywhere before the commit leaves it waiting, so it is
/// processed again, and never twice: the row lock keeps other workers off it until then.
/// </summary>
internal sealed partial class RequestProcessor(
    IntegrationsDbContext db, Caller caller, InboundWriter writer, EventLog events, TimeProvider clock, ILogger<RequestProcessor> log)
{
    private const int MaxAttempts = 5;

    /// <summary>False when nothing waits.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken ct)
    {
        Guid id;
        var transient = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var claimed = await db.Database.SqlQuery<Guid>(
                $"""SELECT id AS "Value" FROM inbound_requests WHERE status = 'Received' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .ToListAsync(ct);
            if (claimed.Count == 0)
            {
                return false;
            }

            id = claimed[0];
            try
            {
                var (errors, record) = await RunAsync(id, ct);
                await RecordAsync(id, errors, record, ct);
                await transaction.CommitAsync(ct);
                return true;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                ProcessingFailed(error, id);
                transient = Transient(error);
            }
        }

        // Rolled back. A deadlock or a dropped connection is worth a few more tries; otherwise the request is recorded
        // as failed outside the transaction, so a request that always breaks does not block the queue.
        db.ChangeTracker.Clear();
        if (transient && await RetryLaterAsync(id, ct))
        {
            return true;
        }

        await RecordAsync(id, [new FieldError("request", "Processing stopped on an unexpected error, which was logged; reprocess to try again.")], null, ct);
        return true;
    }

    private async Task<(IReadOnlyList<FieldError> Errors, ProducedRecord? Record)> RunAsync(Guid id, CancellationToken ct)
    {
        var request = await db.Set<InboundRequest>().IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == id, ct);
        // One request of a source at a time, on every instance: two deliveries about one new record must not race to create it.
        var lockKey = $"inbound-source:{request.SourceId}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({lockKey}, 0))", ct);
        var source = await db.Set<InboundSource>().IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == request.SourceId, ct);
        caller.Act(source.WorkspaceId, ActorType.System, PublicId.Format(IdPrefixes.InboundSource, source.Id), source.Name, ChangeSource.Inbound);
        if (!JsonDocumentReader.TryParse(Encoding.UTF8.GetString(request.Body), out var document, out var parseError))
        {
            return ([new FieldError("body", parseError!)], null);
        }

        var mapped = RecordMapper.Map(RecordMapping.FromJson(source.Mapping), document!);
        var outcome = await writer.WriteAsync(source.Id, mapped, ct);
        if (!outcome.Succeeded)
        {
            return (outcome.Errors, null);
        }

        var produced = ProducedRecord.From(mapped.Type.Name, outcome);
        await events.AppendAsync([RequestProcessedEvent.Of(request, produced)], ct);
        return ([], produced);
    }

    private static bool Transient(Exception error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }
        || error is NpgsqlException { IsTransient: true }
        || error.InnerException is { } inner && Transient(inner);

    /// <summary>Counts the attempt and leaves the request waiting, up to <see cref="MaxAttempts"/>; false after that.</summary>
    private async Task<bool> RetryLaterAsync(Guid id, CancellationToken ct) =>
        await db.Set<InboundRequest>().IgnoreQueryFilters()
            .Where(r => r.Id == id && r.Status == RequestStatus.Received && r.Attempts < MaxAttempts - 1)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Attempts, r => r.Attempts + 1), ct) == 1;

    private Task RecordAsync(Guid id, IReadOnlyList<FieldError> errors, ProducedRecord? record, CancellationToken ct)
    {
        var status = errors.Count == 0 ? RequestStatus.Processed : RequestStatus.Failed;
        var errorJson = errors.Count == 0 ? null : JsonSerializer.Serialize(errors, InboundRequestView.Json);
        var recordJson = record is null ? null : JsonSerializer.Serialize(record, InboundRequestView.Json);
        var now = clock.GetUtcNow();
        return db.Set<InboundRequest>().IgnoreQueryFilters().Where(r => r.Id == id && r.Status == RequestStatus.Received)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                .SetProperty(r => r.ProcessedAt, now)
                .SetProperty(r => r.Errors, errorJson)
                .SetProperty(r => r.Record, recordJson), ct);
    }

    [LoggerMessage(LogLevel.Error, "Processing inbound request {RequestId} failed unexpectedly")]
    private partial void ProcessingFailed(Exception error, Guid requestId);
}
