using Integrations.Apps.Calls;
using Integrations.Apps.Syncs;

namespace Integrations.Apps.Providers.Gmail;

/// <summary>
/// Gmail's <c>messages</c> sync. The first run takes the mailbox's history id, then reads the last <c>backfill_days</c>
/// (30 by default) page by page with <c>messages.list?q=after:</c>, fetching each page's messages
/// <see cref="GmailClient.Parallelism"/> at a time; after that, what was added since through <c>history.list</c>.
/// A history id Gmail no longer keeps (404) reads the window again. Each page and its checkpoint are saved together.
/// </summary>
internal sealed class GmailSync(AppApi api, GmailActivities activities, TimeProvider clock) : IAppSync
{
    private const int PageSize = 100;
    private const int DefaultBackfillDays = 30;

    public string AppId => "gmail";

    public string SyncId => "messages";

    public async Task<bool> RunPageAsync(SyncContext context, CancellationToken ct)
    {
        var gmail = new GmailClient(api, context.App, context.Connection);
        var checkpoint = GmailCheckpoint.Read(context.Checkpoint);
        if (checkpoint?.Phase == GmailCheckpoint.History)
        {
            try
            {
                return await HistoryPageAsync(context, gmail, checkpoint, ct);
            }
            catch (ProviderException e) when (e is not ProviderThrottledException && e.Status == 404)
            {
                // Gmail keeps about a week of history: read the window again; stored messages are not stored twice.
                checkpoint = new GmailCheckpoint(GmailCheckpoint.Backfill, await gmail.HistoryIdAsync(ct), WindowStart(context), Resync: true);
            }
        }

        return await BackfillPageAsync(context, gmail, checkpoint, ct);
    }

    // The first backfill announces nothing (connecting a mailbox is not 30 days of new mail); a resync announces what it
    // finds that was not stored yet.
    private async Task<bool> BackfillPageAsync(SyncContext context, GmailClient gmail, GmailCheckpoint? checkpoint, CancellationToken ct)
    {
        checkpoint ??= new GmailCheckpoint(GmailCheckpoint.Backfill, await gmail.HistoryIdAsync(ct), WindowStart(context));
        var after = checkpoint.After ?? WindowStart(context);
        var page = context.Ahead is Task<BackfillPage> ahead ? await ahead : null;
        if (page is null || page.Token != checkpoint.PageToken)
        {
            page = await ReadPageAsync(gmail, after, checkpoint.PageToken, ct);
        }

        // The next page is read while this one is stored: Gmail's answers and the database write overlap.
        context.Ahead = page.Next is null ? null : ReadPageAsync(gmail, after, page.Next, ct);
        await SaveAsync(context, page.Emails,
            page.Next is null ? new GmailCheckpoint(GmailCheckpoint.History, checkpoint.HistoryId) : checkpoint with { PageToken = page.Next },
            announce: checkpoint.Resync, ct);
        // More now either way: the next page, or what arrived since the backfill began.
        return true;
    }

    private static async Task<BackfillPage> ReadPageAsync(GmailClient gmail, long after, string? token, CancellationToken ct)
    {
        var (ids, next) = await gmail.ListAsync(after, token, PageSize, ct);
        return new BackfillPage(token, await gmail.GetManyAsync(ids, ct), next);
    }

    private async Task<bool> HistoryPageAsync(SyncContext context, GmailClient gmail, GmailCheckpoint checkpoint, CancellationToken ct)
    {
        var (ids, next, historyId) = await gmail.HistoryAsync(checkpoint.HistoryId, checkpoint.PageToken, ct);
        var emails = await gmail.GetManyAsync(ids, ct);
        await SaveAsync(context, emails, next is null ? new GmailCheckpoint(GmailCheckpoint.History, historyId) : checkpoint with { PageToken = next },
            announce: true, ct);
        return next is not null;
    }

    private Task SaveAsync(SyncContext context, IReadOnlyList<GmailEmail> emails, GmailCheckpoint checkpoint, bool announce, CancellationToken ct) =>
        context.SaveAsync(
            async token => (await activities.RecordAsync(context.Connection, context.Settings, emails, announce, token)).Count(a => a.Created),
            checkpoint.ToString(), ct);

    private long WindowStart(SyncContext context) =>
        (clock.GetUtcNow() - TimeSpan.FromDays(Math.Clamp(context.Settings.Number("backfill_days") ?? DefaultBackfillDays, 1, 3650))).ToUnixTimeSeconds();

    /// <summary>A page of the backfill: where it starts (<paramref name="Token"/>), its messages, where the next starts.</summary>
    private sealed record BackfillPage(string? Token, IReadOnlyList<GmailEmail> Emails, string? Next);
}
