using System.Globalization;
using System.Text.Json.Nodes;
using Hangfire;
using Integrations.Automation.Definitions;
using Integrations.Automation.Runs;
using Integrations.Automation.Workflows;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Automation.Schedules;

/// <summary>
/// Starts the runs of schedule workflows, every minute: for each enabled one, a run for its latest occurrence since it
/// was last saved or enabled. The run's once-key (<c>{workflow}:{occurrence}</c>) makes this safe to run twice or on
/// several instances at once: an occurrence starts one run.
/// </summary>
internal sealed class ScheduleJob(IntegrationsDbContext db, TimeProvider clock, DefinitionCache definitions, RunWriter writer)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var workflows = await db.Set<Workflow>().IgnoreQueryFilters().AsNoTracking()
            .Where(w => w.Enabled && w.DeletedAt == null && w.TriggerType == TriggerTypes.Schedule)
            .Select(w => new { w.Id, w.WorkspaceId, w.Version, w.UpdatedAt })
            .ToListAsync(ct);
        if (workflows.Count == 0)
        {
            return 0;
        }

        var parsed = await definitions.GetAsync(db, workflows.Select(w => (w.Id, w.Version)).ToList(), ct);
        var now = clock.GetUtcNow();
        var runs = new List<NewRun>();
        foreach (var workflow in workflows)
        {
            if (!parsed.TryGetValue((workflow.Id, workflow.Version), out var cached)
                || cached.Definition.Trigger is not { Cron: { } cron } trigger
                || ScheduleOccurrences.Latest(cron, trigger.TimeZone, workflow.UpdatedAt, now) is not { } occurrence)
            {
                continue;
            }

            var scheduledAt = occurrence.ToString("O", CultureInfo.InvariantCulture);
            var data = new JsonObject { ["scheduled_at"] = scheduledAt, ["cron"] = cron, ["time_zone"] = trigger.TimeZone ?? "UTC" };
            runs.Add(new NewRun(PublicId.NewId(clock), workflow.WorkspaceId, workflow.Id, workflow.Version, RunStatus.Running,
                TriggerTypes.Schedule, data.ToJsonString(), null, null, null, 0, null, cached.Flow.First?.Id,
                OnceKey: $"{workflow.Id}:{scheduledAt}"));
        }

        await writer.WriteAsync(runs, now, ct);
        return runs.Count;
    }
}
