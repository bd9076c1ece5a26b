using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Apps.Providers.WhatsApp;
using Integrations.Apps.Security;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Triggers.WhatsApp;

/// <summary>
/// Applies a verified webhook's changes to one connection, in its workspace (a scope of its own, acting as the
/// connection: one request can serve several) and one transaction: customers' messages become inbound message
/// activities and, when new, <c>whatsapp.message_received</c>; statuses update the outbound activity and, when they move
/// it on, <c>whatsapp.message_status_changed</c>. Meta re-delivers: a wamid already recorded, or a status already had,
/// emits nothing again.
/// </summary>
internal sealed class WhatsAppInbound(IServiceScopeFactory scopes, AppSecrets secrets)
{
    public async Task ApplyAsync(AppConnection connection, IReadOnlyList<WhatsAppChange> changes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var connectionId = PublicId.Format(IdPrefixes.AppConnection, connection.Id);
        services.GetRequiredService<Caller>().Act(connection.WorkspaceId, ActorType.System, connectionId, "WhatsApp", ChangeSource.App);
        var db = services.GetRequiredService<IntegrationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var events = new List<EventRecord>();
        var messages = changes.SelectMany(c => c.Messages).ToList();
        if (messages.Count > 0)
        {
            var recorded = await services.GetRequiredService<WhatsAppActivities>()
                .RecordAsync(connection, ConnectionSettings.Of(connection, secrets), messages, ct);
            events.AddRange(recorded.Select((activity, i) => (Activity: activity, Message: messages[i]))
                .Where(r => r.Activity.Created).DistinctBy(r => r.Activity.Id)
                .Select(r => Event(EventCatalog.WhatsAppMessageReceived, connection, r.Activity.Id, new JsonObject
                {
                    ["from"] = "+" + r.Message.WaId,
                    ["name"] = r.Message.Name,
                    ["message_id"] = r.Message.Id,
                    ["type"] = r.Message.Type,
                    ["text"] = r.Message.Text,
                })));
        }

        var statuses = services.GetRequiredService<WhatsAppStatuses>();
        foreach (var status in changes.SelectMany(c => c.Statuses).OrderBy(s => s.At).ThenBy(s => WhatsAppStatus.Rank(s.Status)))
        {
            if (await statuses.ApplyAsync(connectionId, status, ct) is { } activityId)
            {
                events.Add(Event(EventCatalog.WhatsAppMessageStatusChanged, connection, activityId, new JsonObject
                {
                    ["message_id"] = status.MessageId,
                    ["recipient"] = status.RecipientId.Length > 0 ? "+" + status.RecipientId : null,
                    ["status"] = status.Status,
                    ["error"] = status.Error,
                }));
            }
        }

        await services.GetRequiredService<EventLog>().AppendAsync(events, ct);
        await transaction.CommitAsync(ct);
    }

    private static EventRecord Event(EventType type, AppConnection connection, Guid activityId, JsonObject details)
    {
        var data = new JsonObject
        {
            ["connection_id"] = PublicId.Format(IdPrefixes.AppConnection, connection.Id),
            ["app"] = connection.AppId,
            ["account"] = connection.Account,
            ["activity_id"] = PublicId.Format(IdPrefixes.Activity, activityId),
        };
        foreach (var (name, value) in details)
        {
            data[name] = value?.DeepClone();
        }

        return new EventRecord(type, data.ToJsonString());
    }
}
