using System.Security.Cryptography;
using Hangfire;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Inbound.Connectors.Running;

/// <summary>
/// The Hangfire jobs of a connector: the recurring one (skipped while backed off or while another run is active) and
/// the one "Run now" queues. Idempotent: a run that is no longer queued is left alone. Never retried by Hangfire:
/// the schedule is the retry, after the back-off.
/// </summary>
internal sealed class ConnectorRunner(
    IntegrationsDbContext db,
    Caller caller,
    RunClaims claims,
    ConnectorPull pull,
    RunEnding ending,
    ConnectorSecrets secrets,
    TimeProvider clock,
    ILogger<ConnectorRunner> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task RunScheduledAsync(Guid connectorId, CancellationToken ct)
    {
        var connector = await db.Set<Connector>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == connectorId, ct);
        if (connector is not { Enabled: true })
        {
            return;
        }

        if (connector.NextAllowedAt > clock.GetUtcNow())
        {
            logger.LogInformation("Connector {ConnectorId} backed off until {NextAllowedAt}; scheduled run skipped", connectorId, connector.NextAllowedAt);
            return;
        }

        if (await claims.TryAddAsync(connector, RunTrigger.Schedule, RunStatus.Running, ct) is not { } run)
        {
            logger.LogInformation("Connector {ConnectorId} is running already; scheduled run skipped", connectorId);
            return;
        }

        await ExecuteAsync(connector, run, ct);
    }

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid connectorId, Guid runId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var picked = await db.Set<ConnectorRun>().IgnoreQueryFilters()
            .Where(r => r.Id == runId && r.ConnectorId == connectorId && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.StartedAt, now)
                .SetProperty(r => r.HeartbeatAt, now), ct);
        var connector = await db.Set<Connector>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == connectorId, ct);
        if (picked == 0 || connector is null)
        {
            return;
        }

        var run = await db.Set<ConnectorRun>().IgnoreQueryFilters().SingleAsync(r => r.Id == runId, ct);
        run.CursorSent = connector.CursorValue;
        await ExecuteAsync(connector, run, ct);
    }

    private async Task ExecuteAsync(Connector connector, ConnectorRun run, CancellationToken ct)
    {
        caller.Act(connector.WorkspaceId, ActorType.System, PublicId.Format(IdPrefixes.Connector, connector.Id), connector.Name,
            ChangeSource.Connector);
        logger.LogInformation("Connector {ConnectorId} run {RunId} started from cursor {Cursor}", connector.Id, run.Id, run.CursorSent);
        PullOutcome outcome;
        try
        {
            outcome = ReadSecrets(connector, out var sent, out var auth) is { } unreadable
                ? unreadable
                : await pull.RunAsync(connector, sent!, auth, run, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Connector {ConnectorId} run {RunId} stopped unexpectedly", connector.Id, run.Id);
            outcome = new PullOutcome(false, "The run stopped unexpectedly; the error was logged.", false, null, null, false);
        }

        if (!await ending.EndAsync(connector, run, outcome))
        {
            return;
        }

        logger.LogInformation("Connector {ConnectorId} run {RunId} {Status}: {Pages} pages, {Items} items, {Failed} failed",
            connector.Id, run.Id, run.Status, run.PagesFetched, run.ItemsFetched, run.Failed);
    }

    // Credentials protected with a key that is gone (or a ciphertext that was damaged) fail the run, not the job.
    private PullOutcome? ReadSecrets(Connector connector, out SentRequest? sent, out ConnectorAuth? auth)
    {
        (sent, auth) = (null, null);
        try
        {
            sent = secrets.Request(connector);
            auth = secrets.Auth(connector);
            return null;
        }
        catch (CryptographicException e)
        {
            logger.LogWarning(e, "Connector {ConnectorId}'s credentials could not be decrypted", connector.Id);
            return new PullOutcome(false, "The connector's credentials can no longer be read; enter them again.", false, null, null, false);
        }
    }
}
