using System.Globalization;
using System.Text.Json;
using Integrations.Crm.Pipeline;
using Integrations.Inbound.Mapping;
using Integrations.Inbound.Writing;
using Integrations.Platform.Data;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Integrations.Inbound.Connectors.Running;

/// <summary>
/// Walks a connector's pages and writes each item through <see cref="InboundWriter"/>, one at a time: an item that
/// fails is counted and (the first few) kept, and the run goes on. Counts are saved after every page and every
/// <see cref="HeartbeatItems"/> items or <see cref="HeartbeatEvery"/>, with the run's heartbeat, so a long page never
/// makes a live run look stale.
/// </summary>
internal sealed class ConnectorPull(
    IntegrationsDbContext db, InboundWriter writer, PageFetcher fetcher, TimeProvider clock, ILogger<ConnectorPull> logger)
{
    public const int KeptItemErrors = 10;
    public const int HeartbeatItems = 50;
    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(5);

    public async Task<PullOutcome> RunAsync(Connector connector, SentRequest sent, ConnectorAuth? auth, ConnectorRun run, CancellationToken ct)
    {
        var mapping = RecordMapping.FromJson(connector.MappingJson);
        var walk = new PageWalk(connector, sent.Url, run.CursorSent);
        var cursor = new ItemCursor();
        var errors = new List<ItemError>();
        var url = walk.First();
        while (url is not null)
        {
            if (run.PagesFetched >= connector.MaxPages)
            {
                return Completed(connector, run, cursor, hitPageCap: true);
            }

            var page = await fetcher.FetchAsync(connector, sent, auth, url, ct);
            if (page.Body is null)
            {
                return PullOutcome.Stopped(page);
            }

            run.PagesFetched++;
            if (!JsonDocumentReader.TrySelect(page.Body, connector.ItemsPath, out var found, out _) || found is not JArray items)
            {
                return PullOutcome.Stopped(PageResult.Refused(
                    $"Page {run.PagesFetched} has no list of items at {connector.ItemsPath}."));
            }

            for (var i = 0; i < items.Count; i++)
            {
                var stored = await WriteAsync(connector, mapping, items[i], run, errors, i, ct);
                // Only items that were stored may move the cursor: a failed one is fetched again next run.
                if (stored && connector.CursorItemPath is { } itemPath && JsonDocumentReader.TrySelect(items[i], itemPath, out var value, out _))
                {
                    cursor.See(JsonDocumentReader.ToText(value));
                }

                if (run.ItemsFetched % HeartbeatItems == 0 || clock.GetUtcNow() - run.HeartbeatAt >= HeartbeatEvery)
                {
                    run.ItemErrors = JsonSerializer.Serialize(errors);
                    run.HeartbeatAt = clock.GetUtcNow();
                    await db.SaveChangesAsync(ct);
                }
            }

            run.ItemErrors = JsonSerializer.Serialize(errors);
            run.HeartbeatAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            url = walk.Next(url, page.Body, items.Count);
        }

        return Completed(connector, run, cursor, hitPageCap: false);
    }

    /// <returns>Whether the item was stored (created, updated or unchanged).</returns>
    private async Task<bool> WriteAsync(Connector connector, RecordMapping mapping, JToken item, ConnectorRun run, List<ItemError> errors,
        int index, CancellationToken ct)
    {
        run.ItemsFetched++;
        InboundOutcome outcome;
        try
        {
            outcome = await writer.WriteAsync(connector.Id, RecordMapper.Map(mapping, item), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Connector {ConnectorId} could not write item {Index} of page {Page}", connector.Id, index, run.PagesFetched);
            outcome = InboundOutcome.Failed([new FieldError("item", "The item could not be stored (an unexpected error, logged).")]);
        }

        switch (outcome.Change)
        {
            case RecordChange.Created:
                run.Created++;
                return true;
            case RecordChange.Updated:
                run.Updated++;
                return true;
            case RecordChange.Unchanged:
                run.Unchanged++;
                return true;
        }

        run.Failed++;
        if (errors.Count < KeptItemErrors)
        {
            var message = string.Join(" ", outcome.Errors.Select(e => $"{e.Field}: {e.Message}"));
            errors.Add(new ItemError(run.PagesFetched, index, message.Length > 500 ? message[..499] + "…" : message));
        }

        return false;
    }

    // The cursor moves only when every item of every page was stored. At the page cap the pages not fetched would be
    // skipped (run_start), or, with an API sorting newest first, the greatest value seen would pass them (item_path);
    // a failed item would never be fetched again. Null: the cursor stays where it was.
    private static PullOutcome Completed(Connector connector, ConnectorRun run, ItemCursor cursor, bool hitPageCap)
    {
        string? next = null;
        if (connector.CursorParam is not null && !hitPageCap && run.Failed == 0)
        {
            next = connector.CursorSource == IncrementalCursor.ItemPath
                ? cursor.Max ?? run.CursorSent
                : run.StartedAt!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        return new PullOutcome(true, null, false, null, next, hitPageCap);
    }
}
