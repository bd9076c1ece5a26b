using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Inbound.Connectors.Running;

/// <summary>
/// Ends a run: its status and error, and on the connector the incremental cursor (moved only by a run that fetched
/// every page) and the back-off (grown by a remote failure, cleared by a completed run).
/// </summary>
internal sealed class RunEnding(IntegrationsDbContext db, TimeProvider clock, ILogger<RunEnding> logger)
{
    private const int MaxError = 2000;

    public async Task EndAsync(Connector connector, ConnectorRun run, PullOutcome outcome)
    {
        var now = clock.GetUtcNow();
        run.FinishedAt = now;
        run.HeartbeatAt = now;
        var stored = run.Created + run.Updated + run.Unchanged;
        if (outcome.Completed && (run.Failed == 0 || stored > 0))
        {
            run.Status = run.Failed > 0 ? RunStatus.PartiallyFailed : RunStatus.Succeeded;
            run.Error = outcome.HitPageCap ? $"Stopped at the limit of {connector.MaxPages} pages per run." : null;
            run.CursorSaved = outcome.NextCursor;
            connector.CursorValue = connector.CursorParam is null ? null : outcome.NextCursor;
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

        try
        {
            // Not the job's token: a run that got this far is recorded even while the app stops.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Connector {ConnectorId} was deleted during run {RunId}", connector.Id, run.Id);
        }
    }
}
