using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Automation.Conditions;
using Integrations.Automation.Definitions;
using Integrations.Automation.Workflows;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Runs;

/// <summary>
/// Trigger matching, in the transaction that stores the events (so a run exists exactly when its change does): per
/// batch one query for the enabled workflows that could match, their versions parsed once (cached), the conditions
/// evaluated in memory, and one insert of the runs. The guards apply here: a run's own changes do not start its
/// workflow again (unless it opts in), a chain of runs stops at <see cref="WorkflowLimits.MaxDepth"/>, and a workflow
/// starts at most its <c>max_runs_per_minute</c> (the rest are queued for the minutes after); runs held back by the loop
/// guard are written as <c>stopped</c>.
/// </summary>
internal sealed class RunMatcher(
    IntegrationsDbContext db, Caller caller, TimeProvider clock, DefinitionCache definitions, RunWriter writer, RunRateLimiter rates,
    IServiceProvider services)
    : IEventSubscriber
{
    private bool publishing;

    public async Task OnAppendedAsync(IReadOnlyList<AppendedEvent> events, CancellationToken ct)
    {
        // The workflow.run.stopped events of the runs stopped here start nothing: that is how a loop would go on.
        if (publishing)
        {
            return;
        }

        var triggerTypes = events.Select(e => e.Type).Distinct().SelectMany(EventTriggers.TriggerTypesOf).Distinct().ToArray();
        if (triggerTypes.Length == 0)
        {
            return;
        }

        var workspaces = events.Select(e => e.WorkspaceId).Distinct().ToArray();
        var workflows = await db.Set<Workflow>().IgnoreQueryFilters().AsNoTracking()
            .Where(w => workspaces.Contains(w.WorkspaceId) && w.Enabled && w.DeletedAt == null && triggerTypes.Contains(w.TriggerType))
            .Select(w => new Candidate(w.Id, w.WorkspaceId, w.Version, w.Name))
            .ToListAsync(ct);
        if (workflows.Count == 0)
        {
            return;
        }

        var parsed = await definitions.GetAsync(db, workflows.Select(w => (w.Id, w.Version)).ToList(), ct);
        var now = clock.GetUtcNow();
        var matches = MatchAll(events, workflows, parsed);
        if (matches.Count == 0)
        {
            return;
        }

        var runs = await GuardAsync(matches, now);
        await writer.WriteAsync(runs, now, ct);
        await PublishStoppedAsync(runs, workflows, ct);
    }

    private List<Match> MatchAll(IReadOnlyList<AppendedEvent> events, List<Candidate> workflows,
        Dictionary<(Guid, int), CachedDefinition> parsed)
    {
        var matches = new List<Match>();
        var cause = caller.Causation;
        foreach (var e in events)
        {
            // Read in place (a pooled document over the event's bytes, its nodes made as conditions touch them); nothing
            // of it outlives this event but the strings a run keeps.
            JsonDocument? document = null;
            JsonObject? data = null;
            ConditionSubject? subject = null;
            try
            {
                foreach (var workflow in workflows)
                {
                    if (workflow.WorkspaceId != e.WorkspaceId || !parsed.TryGetValue((workflow.Id, workflow.Version), out var cached))
                    {
                        continue;
                    }

                    var definition = cached.Definition;
                    var trigger = definition.Trigger;
                    if (!EventTriggers.Names(trigger, e.Type)
                        || (cause?.WorkflowId == workflow.Id && !definition.Guards.TriggerOnOwnChanges))
                    {
                        continue;
                    }

                    document ??= JsonDocument.Parse(e.Data.Bytes.AsMemory());
                    data ??= document.RootElement.ValueKind == JsonValueKind.Object ? JsonObject.Create(document.RootElement)! : [];
                    subject ??= ConditionSubject.OfTrigger(data);
                    if (Holds(trigger, data, subject))
                    {
                        var isRecord = data["record"] is JsonObject;
                        matches.Add(new Match(e, workflow, definition, cached.Flow,
                            isRecord ? JsonText.Of(data["object"]) : null, isRecord ? JsonText.Of(data["id"]) : null));
                    }
                }
            }
            finally
            {
                document?.Dispose();
            }
        }

        return matches;
    }

    private static bool Holds(TriggerDefinition trigger, JsonObject data, ConditionSubject subject)
    {
        if (TriggerTypes.IsRecord(trigger.Type) && trigger.Object is { } name && JsonText.Of(data["object"]) != name)
        {
            return false;
        }

        if (trigger.ConnectionId is { } connection && JsonText.Of(data["connection_id"]) != connection)
        {
            return false;
        }

        if (trigger.SourceId is { } source && JsonText.Of(data["source_id"]) != source)
        {
            return false;
        }

        if (trigger.Fields.Count > 0 && !trigger.Fields.Any(subject.HasChanged))
        {
            return false;
        }

        return trigger.ConditionMode == ConditionModes.BecameTrue
            ? ConditionEvaluator.BecameTrue(trigger.Conditions, subject)
            : ConditionEvaluator.Holds(trigger.Conditions, subject);
    }

    /// <summary>
    /// The runs to write: running (at once, or queued for a later minute by the workflow's rate limit, so no matching
    /// record is ever skipped; <see cref="RunRateLimiter"/>), or stopped by the loop guard.
    /// </summary>
    private async Task<List<NewRun>> GuardAsync(List<Match> matches, DateTimeOffset now)
    {
        var cause = caller.Causation;
        var depth = cause is null ? 0 : cause.Depth + 1;
        var looping = depth >= WorkflowLimits.MaxDepth;
        var error = looping
            ? $"Loop stopped: this run was started by a chain of {depth} workflow runs, and chains stop at {WorkflowLimits.MaxDepth}."
            : null;
        // The minute each run may start in, per workflow, its runs in order (one call per workflow, not per run).
        var starts = new Dictionary<Guid, Queue<DateTimeOffset?>>();
        if (!looping)
        {
            foreach (var workflow in matches.GroupBy(m => m.Workflow.Id))
            {
                var limit = Math.Clamp(workflow.First().Definition.Guards.MaxRunsPerMinute, 1, WorkflowLimits.MaxRunsPerMinuteCeiling);
                starts[workflow.Key] = new Queue<DateTimeOffset?>(await rates.StartTimesAsync(workflow.Key, limit, workflow.Count(), now));
            }
        }

        var runIds = PublicId.NewIds(clock, matches.Count);
        var runs = new List<NewRun>(matches.Count);
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var startAt = looping ? null : starts[m.Workflow.Id].Dequeue();
            runs.Add(new NewRun(runIds[i], m.Event.WorkspaceId, m.Workflow.Id, m.Workflow.Version,
                looping ? RunStatus.Stopped : RunStatus.Running, m.Definition.Trigger.Type, m.Event.Data,
                m.RecordObject, m.RecordId, m.Event.Id,
                depth, cause?.RunId, m.Flow.First?.Id, error, StartAt: startAt));
        }

        return runs;
    }

    private async Task PublishStoppedAsync(List<NewRun> runs, List<Candidate> workflows, CancellationToken ct)
    {
        var stopped = runs.Where(r => r.Status == RunStatus.Stopped).ToList();
        if (stopped.Count == 0)
        {
            return;
        }

        var names = workflows.ToDictionary(w => w.Id, w => w.Name);
        publishing = true;
        try
        {
            await services.GetRequiredService<EventLog>().AppendAsync(
                stopped.Select(r => RunEvents.Ended(EventCatalog.WorkflowRunStopped, r.Id, r.WorkflowId, names[r.WorkflowId], r.Version,
                    r.TriggerType, r.RecordId, null, r.Error)).ToList(), ct);
        }
        finally
        {
            publishing = false;
        }
    }

    private sealed record Candidate(Guid Id, Guid WorkspaceId, int Version, string Name);

    private sealed record Match(AppendedEvent Event, Candidate Workflow, WorkflowDefinition Definition, StepFlow Flow, string? RecordObject, string? RecordId);
}
