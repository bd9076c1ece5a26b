using System.Text.Json;
using Integrations.Apps.Connections;
using Integrations.Apps.Providers.Zoom;
using Integrations.Apps.Security;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Triggers.Zoom;

/// <summary>
/// Applies a meeting event to one connection in its own workspace (a scope of its own, acting as the system for that
/// workspace: one request can serve several): the meeting's activity updated and, when that was news to it, the trigger
/// event, in one transaction. A transaction-level advisory lock on (connection, meeting) makes a retry racing the first
/// delivery wait for it and then find the activity already updated: Zoom's retries and replays emit nothing again.
/// </summary>
internal sealed class ZoomTriggerWriter(IServiceScopeFactory scopes, AppSecrets secrets)
{
    /// <summary>False when the event was no news for the connection's activity.</summary>
    public async Task<bool> WriteAsync(AppConnection connection, string type, ZoomMeeting meeting, JsonElement item, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<Caller>().Act(connection.WorkspaceId, ActorType.System,
            PublicId.Format(IdPrefixes.AppConnection, connection.Id), "Zoom", ChangeSource.App);
        var db = services.GetRequiredService<IntegrationsDbContext>();
        var activities = services.GetRequiredService<ZoomActivities>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var key = $"zoom-meeting:{connection.Id:N}:{meeting.Id}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
        var update = ZoomTriggers.Update(type, meeting, item);
        var written = (await activities.WriteAsync(connection, ConnectionSettings.Of(connection, secrets), [update], ct))[0];
        var news = ZoomTriggers.IsNew(type, update, written.Before);
        if (news)
        {
            var activity = type == ZoomTriggers.ParticipantJoined ? await activities.ReadAsync(written.Activity.Id, ct) : null;
            await services.GetRequiredService<EventLog>().AppendAsync([ZoomTriggers.Event(type, connection, meeting, item, written.Activity.Id, activity)], ct);
        }

        await transaction.CommitAsync(ct);
        return news;
    }
}
