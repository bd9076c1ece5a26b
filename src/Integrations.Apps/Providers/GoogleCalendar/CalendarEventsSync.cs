using System.Globalization;
using Integrations.Apps.Calls;
using Integrations.Apps.Syncs;

namespace Integrations.Apps.Providers.GoogleCalendar;

/// <summary>
/// Google Calendar's <c>events</c>: a full listing of the primary calendar from 30 days back (<c>timeMin</c>,
/// <c>singleEvents</c>), a page at a time, whose last page's <c>nextSyncToken</c> is kept; then only what changed since,
/// through that token. A 410 (<c>fullSyncRequired</c>) starts a full listing again: events upsert by their id, so the
/// ones seen before are updated, not duplicated, and fire no trigger again. Cancelled events are left on the timeline
/// as they were (Google sends only their id and status).
/// </summary>
internal sealed class CalendarEventsSync(AppApi api, CalendarActivities activities, TimeProvider clock) : IAppSync
{
    public const int BackfillDays = 30;
    public const int PageSize = 250;

    public string AppId => "google-calendar";
    public string SyncId => "events";

    public async Task<bool> RunPageAsync(SyncContext context, CancellationToken ct)
    {
        var checkpoint = CalendarCheckpoint.Parse(context.Checkpoint) ?? Full(announce: false);
        var query = checkpoint.SyncToken is { } syncToken
            ? $"syncToken={Uri.EscapeDataString(syncToken)}"
            : $"timeMin={Uri.EscapeDataString((checkpoint.TimeMin ?? Full(false).TimeMin!.Value).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))}";
        if (checkpoint.PageToken is { } pageToken)
        {
            query += $"&pageToken={Uri.EscapeDataString(pageToken)}";
        }

        var url = $"{context.App.Urls["api"].TrimEnd('/')}/calendars/primary/events?{query}&singleEvents=true&maxResults={PageSize}";
        System.Text.Json.JsonDocument answer;
        try
        {
            answer = await api.SendAsync(context.Connection, () => new HttpRequestMessage(HttpMethod.Get, url), ct);
        }
        catch (ProviderException e) when (e.Status == 410 && checkpoint.SyncToken is not null)
        {
            await context.SaveAsync(_ => Task.FromResult(0), Full(announce: true).ToString(), ct);
            return true;
        }

        using (answer)
        {
            var root = answer.RootElement;
            var items = root.TryGetProperty("items", out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array
                ? list.EnumerateArray().Select(CalendarEvent.Parse).Where(e => e.Id.Length > 0).ToList()
                : [];
            var nextPage = root.TryGetProperty("nextPageToken", out var page) ? page.GetString() : null;
            var next = nextPage is not null
                ? checkpoint with { PageToken = nextPage }
                : new CalendarCheckpoint(null, root.TryGetProperty("nextSyncToken", out var token) ? token.GetString() : checkpoint.SyncToken, null, Announce: true);
            await context.SaveAsync(async token => (await activities.RecordAsync(context.Connection, context.Settings, items, checkpoint.Announce || checkpoint.SyncToken is not null, token)).Count,
                next.ToString(), ct);
            return nextPage is not null;
        }
    }

    // A full listing: the first (announcing nothing), or again after a 410 (announcing what it finds new).
    private CalendarCheckpoint Full(bool announce) => new(clock.GetUtcNow().AddDays(-BackfillDays), null, null, announce);
}
