using System.Text.Json.Nodes;
using Integrations.Apps.Calls;
using Integrations.Apps.Connections;
using Integrations.Crm.Schema;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Providers.Notion;

/// <summary>
/// A page event for one connection, in its own workspace (a scope acting as the system for it): the page is read again
/// from Notion (<c>GET /v1/pages/{id}</c>: the event is a signal, not the data), written by the mapping when it is in
/// the synced database (and not in the trash), and <c>notion.page_changed</c> is emitted, in one transaction.
/// </summary>
internal sealed class NotionPageEvents(IServiceScopeFactory scopes)
{
    public async Task RefetchAsync(AppConnection connection, string notionEvent, string pageId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<Caller>().Act(connection.WorkspaceId, ActorType.System,
            PublicId.Format(IdPrefixes.AppConnection, connection.Id), "Notion", ChangeSource.App);
        NotionPage? page;
        try
        {
            using var answer = await services.GetRequiredService<NotionApi>().GetAsync(connection, $"pages/{pageId}", ct);
            page = NotionPage.Parse(answer.RootElement);
        }
        catch (ProviderException e) when (e.Status == 404)
        {
            // Deleted, or no longer shared with the integration: announced without its data.
            page = null;
        }

        var db = services.GetRequiredService<IntegrationsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var data = new JsonObject
        {
            ["connection_id"] = PublicId.Format(IdPrefixes.AppConnection, connection.Id),
            ["app"] = connection.AppId,
            ["account"] = connection.Account,
            ["notion_event"] = notionEvent,
            ["page_id"] = page?.Id ?? pageId,
            ["url"] = page?.Document["url"]?.DeepClone(),
            ["database_id"] = page?.DatabaseId,
            ["last_edited_time"] = page?.Document["last_edited_time"]?.DeepClone(),
            ["record_id"] = null,
            ["record_change"] = null,
        };
        if (page is { Archived: false } && Synced(connection) is { } target && page.DatabaseId == target.DatabaseId)
        {
            var mapping = target.Mapping;
            var written = await services.GetRequiredService<NotionRecords>().WriteAsync(connection, mapping, page, ct);
            if (written is { Succeeded: true, RecordId: { } id })
            {
                data["record_id"] = PublicId.Format(RecordTypes.Get(mapping.Object).Prefix, id);
                data["record_change"] = written.Change?.ToString().ToLowerInvariant();
            }
        }

        await services.GetRequiredService<EventLog>().AppendAsync([new EventRecord(EventCatalog.NotionPageChanged, data.ToJsonString())], ct);
        await transaction.CommitAsync(ct);
    }

    // A connection that syncs nothing (yet) still announces its pages' changes.
    private static (string DatabaseId, Inbound.Mapping.RecordMapping Mapping)? Synced(AppConnection connection)
    {
        try
        {
            return NotionRecords.Target(connection);
        }
        catch (SettingMissingException)
        {
            return null;
        }
    }
}
