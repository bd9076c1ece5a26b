using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Platform.Data;

namespace Integrations.Crm.Activities;

/// <summary>
/// Records the activities a connected app syncs (emails, meetings, messages) as activity records, through the record
/// pipeline: validated, audited, counted, announced (<c>activity.created</c> / <c>.updated</c>) and delivered to
/// webhooks like any record. Recording the same (connection, external id) again updates that activity, or leaves it
/// alone when nothing changed, so a re-sync neither duplicates nor announces anything.
/// </summary>
public sealed class ActivityWriter
{
    private const int Attempts = 3;
    private readonly IntegrationsDbContext db;
    private readonly RecordPipeline pipeline;
    private readonly ActivityLookups lookups;
    private readonly ParticipantMatcher matcher;

    internal ActivityWriter(IntegrationsDbContext db, RecordPipeline pipeline, ActivityLookups lookups, ParticipantMatcher matcher)
    {
        this.db = db;
        this.pipeline = pipeline;
        this.lookups = lookups;
        this.matcher = matcher;
    }

    /// <summary>
    /// Stores a page of activities in one transaction, with a fixed number of statements whatever its size. Inside a
    /// transaction the caller opened (to save its sync checkpoint with the activities), it writes there and leaves the
    /// commit to the caller. Participants are matched to contacts by email, else phone; the first matched one outside
    /// <see cref="ActivityMatching.OwnDomains"/> becomes the activity's contact, and that contact's account its account.
    /// </summary>
    /// <returns>One entry per input, in order (an external id given twice is stored once, as its last entry).</returns>
    /// <exception cref="ArgumentException">An input only a bug produces: an unknown kind, role or direction, a
    /// malformed connection id, an empty or over-long external id.</exception>
    /// <exception cref="InvalidOperationException">The pipeline refused the activities (the plan's record limit);
    /// nothing of the batch is stored.</exception>
    public async Task<IReadOnlyList<RecordedActivity>> RecordAsync(IReadOnlyList<ActivityInput> activities, ActivityMatching matching,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(activities);
        ArgumentNullException.ThrowIfNull(matching);
        var drafts = activities.Select(ActivityDraft.From).ToList();
        if (drafts.Count == 0)
        {
            return [];
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var ownDomains = Correspondents.Domains(matching.OwnDomains);
        await matcher.MatchAsync(drafts, matching, ownDomains, ct);
        var recorded = await StoreAsync(drafts, ownDomains, ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return recorded;
    }

    private async Task<IReadOnlyList<RecordedActivity>> StoreAsync(List<ActivityDraft> drafts, IReadOnlyList<string> ownDomains,
        CancellationToken ct)
    {
        // The last entry of a key wins; earlier ones report what it became.
        var last = new Dictionary<(string, string), ActivityDraft>();
        drafts.ForEach(d => last[d.Key] = d);
        var unique = last.Values.ToList();
        for (var attempt = 1; ; attempt++)
        {
            var existing = await lookups.ExistingAsync([.. last.Keys], ct);
            var commands = unique.Select(d => existing.TryGetValue(d.Key, out var id)
                ? new RecordCommand(RecordOperation.Update, id, d.Fields(ownDomains))
                : new RecordCommand(RecordOperation.Create, null, d.Fields(ownDomains))).ToList();
            var result = await pipeline.ApplyAsync(RecordTypes.Activity, commands,
                new RecordBatchOptions(AllOrNothing: true, ReturnRecords: false), ct);
            if (result.Raced && attempt < Attempts)
            {
                continue; // another writer stored one of these keys meanwhile: now it is an update
            }

            if (!result.Succeeded)
            {
                var problems = result.Outcomes.SelectMany(o => o.Errors).Select(e => $"{e.Field}: {e.Message}").Distinct().Take(5);
                throw new InvalidOperationException($"The activities were not recorded. {string.Join(" ", problems)}");
            }

            var byKey = unique.Zip(result.Outcomes).ToDictionary(
                p => p.First.Key, p => (Id: p.Second.Id!.Value, Created: p.Second.Change == RecordChange.Created, Changed: p.Second.Change != RecordChange.Unchanged));
            return [.. drafts.Select(d => new RecordedActivity(d.Input.ExternalId, byKey[d.Key].Id, byKey[d.Key].Created, byKey[d.Key].Changed))];
        }
    }
}
