using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Apps.Syncs;
using Integrations.Crm.Pipeline;

namespace Integrations.Apps.Providers.Notion;

/// <summary>
/// The chosen database's pages (<c>POST /v1/databases/{id}/query</c>, oldest edit first, 100 a page by
/// <c>start_cursor</c>): all of them the first time, then those edited since the last one seen
/// (<c>last_edited_time on_or_after</c>). Each page becomes a record by the connection's mapping
/// (<see cref="NotionRecords"/>). A page the mapping cannot write is passed over and named in the sync's error, so
/// one bad page does not hold the others back; it is read again when it is next edited.
/// </summary>
internal sealed class DatabaseSync(NotionApi api, NotionRecords records) : IAppSync
{
    public const int PageSize = 100;

    public string AppId => NotionServices.AppId;
    public string SyncId => "database";

    public async Task<bool> RunPageAsync(SyncContext context, CancellationToken ct)
    {
        var (database, mapping) = NotionRecords.Target(context.Connection);
        var checkpoint = NotionCheckpoint.Of(context.Checkpoint, database);
        var query = new JsonObject
        {
            ["sorts"] = new JsonArray(new JsonObject { ["timestamp"] = "last_edited_time", ["direction"] = "ascending" }),
            ["page_size"] = PageSize,
        };
        if (checkpoint.Since is { } since)
        {
            query["filter"] = new JsonObject
            {
                ["timestamp"] = "last_edited_time",
                ["last_edited_time"] = new JsonObject { ["on_or_after"] = since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) },
            };
        }

        if (checkpoint.Cursor is { } cursor)
        {
            query["start_cursor"] = cursor;
        }

        List<NotionPage> pages;
        string? next;
        using (var answer = await api.PostAsync(context.Connection, $"databases/{database}/query", query, ct))
        {
            var root = answer.RootElement;
            pages = root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array
                ? [.. results.EnumerateArray().Select(NotionPage.Parse).OfType<NotionPage>()]
                : [];
            next = root.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True ? NotionPage.Text(root, "next_cursor") : null;
        }

        var fresh = pages.Where(p => !checkpoint.Seen(p)).ToList();
        var seen = checkpoint.After(pages);
        var saved = next is null ? seen.Ended() : seen with { Cursor = next };
        List<(NotionPage Page, FieldError Error)> failed = [];
        await context.SaveAsync(async token =>
        {
            var written = 0;
            foreach (var page in fresh)
            {
                var outcome = await records.WriteAsync(context.Connection, mapping, page, token);
                if (outcome.Succeeded)
                {
                    written++;
                }
                else
                {
                    failed.Add((page, outcome.Errors[0]));
                }
            }

            return written;
        }, saved.ToString(), ct);
        if (failed is [var (first, error), ..])
        {
            throw new SettingMissingException(NotionRecords.MappingSetting,
                $"{failed.Count} Notion page(s) could not be written by the mapping, e.g. page {first.Id}: {error.Field}: {error.Message}");
        }

        return next is not null;
    }
}
