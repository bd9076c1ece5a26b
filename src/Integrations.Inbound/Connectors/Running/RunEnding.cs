using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Inbound.Connectors.Running;

/// <summary>
/// Ends a run: its status and error, and on the connector the incremental cursor (moved only by a run that stored
/// every item of every page) and the back-off (grown by a remote failure, cleared by a completed run). Only a run that
/// is still <c>running</c> ends: one taken over meanwhile (ended as stale by another worker) has its result discarded.
/// </summary>
internal sealed class RunEnding(IntegrationsDbContext db, TimeProvider clock, ILogger<RunEnding> logger)
{
    private const int MaxError = 2000;
    public const int MaxCursor = 500;

    /// <returns>False when the run had been taken over, and nothing was saved.</returns>
    public async Task<bool> EndAsync(Connector connector, ConnectorRun run, PullOutcome outcome)
    {
        var now = clock.GetUtcNow();
        Apply(connector, run, outcome, now);

        // Not the job's token: a run that got this far is recorded even while the app stops.
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        // Locks the run row until commit; a worker ending it as stale meanwhile waits, then sees a fresh heartbeat.
        var stillOurs = await db.Set<ConnectorRun>().IgnoreQueryFilters()
            .Where(r => r.Id == run.Id && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatAt, now), CancellationToken.None);
        if (stillOurs == 0)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            logger.LogWarning("Connector {ConnectorId} run {RunId} was ended by another worker meanwhile; its result is discarded",
                connector.Id, run.Id);
            return false;
        }

        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Connector {ConnectorId} was deleted during run {RunId}", connector.Id, run.Id);
        }

        return true;
    }

    private static void Apply(Connector connector, ConnectorRun run, PullOutcome outcome, DateTimeOffset now)
    {
        run.FinishedAt = now;
        run.HeartbeatAt = now;
        var stored = run.Created + run.Updated + run.Unchanged;
        if (outcome.Completed && outcome.NextCursor is { Length: > MaxCursor } tooLong)
        {
            run.Status = RunStatus.Failed;
            run.Error = $"The next cursor value is {tooLong.Length:N0} characters long, more than the {MaxCursor} a cursor may have "
                + "(check incremental.item_path). The cursor was not moved.";
        }
        else if (outcome.Completed && (run.Failed == 0 || stored > 0))
        {
            run.Status = run.Failed > 0 || outcome.HitPageCap ? RunStatus.PartiallyFailed : RunStatus.Succeeded;
            run.Error = Notes(connector, run, outcome);
            run.CursorSaved = outcome.NextCursor;
            if (outcome.NextCursor is not null)
            {
                connector.CursorValue = outcome.NextCursor;
            }

            connector.ConsecutiveFailures = 0;
            connector.NextAllowedAt = null;
        }
        else if (outcome.Completed)
        {
            run.Status = RunStatus.Failed;
            run.Error = "No item could be stored; see the item errors. The cursor was not moved.";
        }
        else
        {
            run.Status = RunStatus.Failed;
            run.Error = outcome.Error;
            if (outcome.RemoteFailure)
            {
                connector.ConsecutiveFailures++;
                connector.NextAllowedAt = now + BackOff.Delay(connector.ConsecutiveFailures, outcome.RetryAfter);
                run.Error += $" Scheduled runs pause until {connector.NextAllowedAt:yyyy-MM-dd HH:mm:ss} UTC.";
            }
        }

        if (run.Error is { Length: > MaxError } error)
        {
            run.Error = error[..(MaxError - 1)] + "…";
        }
    }

    private static string? Notes(Connector connector, ConnectorRun run, PullOutcome outcome)
    {
        var notes = new List<string>();
        if (outcome.HitPageCap)
        {
            notes.Add($"Stopped after {run.PagesFetched} pages (the per-run cap); the cursor stays, so raise max_pages if this repeats.");
        }

        if (run.Failed > 0 && connector.CursorParam is not null)
        {
            notes.Add("Some items failed, so they are fetched again next run.");
        }

        if (notes.Count > 0 && connector.CursorParam is not null)
        {
            notes.Add("The cursor was not moved.");
        }

        return notes.Count > 0 ? string.Join(" ", notes) : null;
    }
}
