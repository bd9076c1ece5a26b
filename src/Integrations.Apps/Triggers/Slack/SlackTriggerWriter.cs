using Integrations.Apps.Connections;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integrations.Apps.Triggers.Slack;

/// <summary>
/// Appends a connection's trigger event in its own workspace (a scope of its own, acting as the system for that
/// workspace: one request can serve several), with the event's receipt in the same transaction: an event id the
/// connection already turned into an event emits nothing.
/// </summary>
internal sealed class SlackTriggerWriter(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>False when the connection already had this event (or is gone).</summary>
    public async Task<bool> WriteAsync(AppConnection connection, string eventId, EventRecord record, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<Caller>().Act(connection.WorkspaceId, ActorType.System,
            PublicId.Format(IdPrefixes.AppConnection, connection.Id), "Slack", ChangeSource.App);
        var db = services.GetRequiredService<IntegrationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var received = await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO slack_event_receipts (connection_id, event_id, received_at)
                VALUES ({connection.Id}, {eventId}, {clock.GetUtcNow()})
                ON CONFLICT (connection_id, event_id) DO NOTHING
                """, ct);
            if (received == 0)
            {
                return false;
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // Disconnected since it was read.
            return false;
        }

        await services.GetRequiredService<EventLog>().AppendAsync([record], ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
