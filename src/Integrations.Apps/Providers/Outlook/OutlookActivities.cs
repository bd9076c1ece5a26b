using Integrations.Apps.Connections;
using Integrations.Apps.Syncs;
using Integrations.Crm.Activities;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.Outlook;

/// <summary>Records a page of Outlook activities (inside the caller's transaction when it has one) and appends a
/// trigger event for each activity that is new, never for one recorded again.</summary>
internal sealed class OutlookActivities(ActivityWriter writer, EventLog events)
{
    public async Task<IReadOnlyList<RecordedActivity>> RecordAsync(AppConnection connection, ConnectionSettings settings,
        IReadOnlyList<ActivityInput> activities, Func<ActivityInput, string, EventRecord?>? trigger, CancellationToken ct)
    {
        var matching = new ActivityMatching(settings.Flag("create_contacts"), AccountDomains.Of(connection.Account));
        var recorded = await writer.RecordAsync(activities, matching, ct);
        if (trigger is not null)
        {
            // An external id given twice in a page is one activity: one event at most.
            var created = activities.Zip(recorded).Where(p => p.Second.Created).DistinctBy(p => p.Second.Id)
                .Select(p => trigger(p.First, PublicId.Format(IdPrefixes.Activity, p.Second.Id))).OfType<EventRecord>().ToList();
            await events.AppendAsync(created, ct);
        }

        return recorded;
    }
}
