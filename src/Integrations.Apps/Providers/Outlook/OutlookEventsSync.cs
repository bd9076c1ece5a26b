using System.Globalization;
using Integrations.Apps.Calls;
using Integrations.Apps.Syncs;
using Integrations.Crm.Activities;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.Outlook;

/// <summary>
/// Outlook's <c>events</c> sync: Graph's calendar view delta over a window from <c>backfill_days</c> (30) back to 90
/// days ahead, in UTC. Graph fixes the window with a round's first request, so once the window has less than 30 days
/// ahead left a new first round starts over a new window; events read again update their activities, so no round
/// duplicates. A 410 starts the round again. Deleted events are left on the timeline.
/// </summary>
internal sealed class OutlookEventsSync(GraphDelta delta, OutlookActivities activities, TimeProvider clock) : IAppSync
{
    private static readonly TimeSpan Ahead = TimeSpan.FromDays(90);
    private static readonly TimeSpan MinimumAhead = TimeSpan.FromDays(30);

    public string AppId => "outlook";
    public string SyncId => "events";

    public async Task<bool> RunPageAsync(SyncContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var checkpoint = EventsCheckpoint.Read(context.Checkpoint);
        var cursor = checkpoint.Cursor;
        if (cursor.Next is null && checkpoint.WindowEnd is { } end && end - now < MinimumAhead)
        {
            cursor = cursor.Restarted();
        }

        string url;
        if ((cursor.Next ?? cursor.Delta) is { } link)
        {
            url = link;
        }
        else
        {
            var days = Math.Clamp(context.Settings.Number("backfill_days") ?? 30, 1, 3650);
            checkpoint = checkpoint with { WindowEnd = now + Ahead };
            url = OutlookApi.Url(context.App, $"/v1.0/me/calendarView/delta?startDateTime={Iso(now.AddDays(-days))}&endDateTime={Iso(now + Ahead)}");
        }

        var page = await delta.ReadAsync(context.App, context.Connection, url, utcTimes: true, ct);
        if (page is null)
        {
            if (cursor.Next is null && cursor.Delta is null)
            {
                throw new ProviderException("Graph refused to start a delta round of the calendar", 410);
            }

            await context.SaveAsync(_ => Task.FromResult(0), (checkpoint with { Cursor = cursor.Restarted() }).Write(), ct);
            return true;
        }

        var connectionId = PublicId.Format(IdPrefixes.AppConnection, context.Connection.Id);
        var meetings = page.Items.Select(e => OutlookEvents.Activity(e, connectionId)).OfType<ActivityInput>().ToList();
        var trigger = cursor.Synced ? (Func<ActivityInput, string, EventRecord?>)((meeting, id) => OutlookTriggers.EventCreated(context.Connection, meeting, id)) : null;
        var next = checkpoint with { Cursor = cursor.After(page) };
        await context.SaveAsync(async token => (await activities.RecordAsync(context.Connection, context.Settings, meetings, trigger, token)).Count, next.Write(), ct);
        return page.NextLink is not null;
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
