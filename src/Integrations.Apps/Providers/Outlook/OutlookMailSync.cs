using System.Globalization;
using Integrations.Apps.Calls;
using Integrations.Apps.Syncs;
using Integrations.Crm.Activities;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.Outlook;

/// <summary>
/// Outlook's <c>mail</c> sync: a Graph delta round over the inbox, then one over the sent items, each folder with its
/// own cursor; the first round reads the last <c>backfill_days</c> (30) of mail. A page is stored with the cursor it
/// ends on, so a crash resumes at that page; a 410 starts that folder's round again, and a message read again updates
/// its activity. Deleted messages are left on the timeline.
/// </summary>
internal sealed class OutlookMailSync(GraphDelta delta, OutlookActivities activities, TimeProvider clock) : IAppSync
{
    public string AppId => "outlook";
    public string SyncId => "mail";

    public async Task<bool> RunPageAsync(SyncContext context, CancellationToken ct)
    {
        var checkpoint = MailCheckpoint.Read(context.Checkpoint);
        var folder = checkpoint.Folder;
        var cursor = checkpoint.Of(folder);
        var fresh = cursor.Next is null && cursor.Delta is null;
        var page = await delta.ReadAsync(context.App, context.Connection, cursor.Next ?? cursor.Delta ?? FirstUrl(context, folder), utcTimes: false, ct);
        if (page is null)
        {
            if (fresh)
            {
                throw new ProviderException($"Graph refused to start a delta round of the {folder}", 410);
            }

            await context.SaveAsync(_ => Task.FromResult(0), checkpoint.With(folder, cursor.Restarted()).Write(), ct);
            return true;
        }

        var connectionId = PublicId.Format(IdPrefixes.AppConnection, context.Connection.Id);
        var emails = page.Items.Select(m => OutlookMessages.Activity(m, folder, connectionId)).OfType<ActivityInput>().ToList();
        var next = checkpoint.With(folder, cursor.After(page));
        var roundEnded = page.NextLink is null;
        if (roundEnded)
        {
            next = next with { Folder = folder == MailCheckpoint.Inbox ? MailCheckpoint.SentItems : MailCheckpoint.Inbox };
        }

        // The first round is the backfill: mail that was already there is not "received" now.
        var trigger = cursor.Synced ? (Func<ActivityInput, string, EventRecord?>)((email, id) => OutlookTriggers.EmailReceived(context.Connection, email, id)) : null;
        await context.SaveAsync(async token => (await activities.RecordAsync(context.Connection, context.Settings, emails, trigger, token)).Count, next.Write(), ct);
        return !roundEnded || folder == MailCheckpoint.Inbox;
    }

    private string FirstUrl(SyncContext context, string folder)
    {
        var days = Math.Clamp(context.Settings.Number("backfill_days") ?? 30, 1, 3650);
        var since = clock.GetUtcNow().AddDays(-days).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return OutlookApi.Url(context.App,
            $"/v1.0/me/mailFolders/{folder}/messages/delta?$select={OutlookMessages.Select}&$filter={Uri.EscapeDataString($"receivedDateTime ge {since}")}");
    }
}
