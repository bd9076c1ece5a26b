using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Workflows;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Automation.Runs;

/// <summary>
/// Parsed workflow versions by (workflow, version). Versions never change, so an entry is never stale; the cache is
/// bounded (emptied when full) so a workspace with many workflows cannot grow it without end.
/// </summary>
internal sealed class DefinitionCache
{
    private const int Limit = 2000;
    private readonly ConcurrentDictionary<(Guid Workflow, int Version), CachedDefinition> parsed = new();

    /// <summary>The definitions of <paramref name="versions"/>, reading the ones not cached in one query.</summary>
    public async Task<Dictionary<(Guid Workflow, int Version), CachedDefinition>> GetAsync(
        IntegrationsDbContext db, IReadOnlyCollection<(Guid Workflow, int Version)> versions, CancellationToken ct)
    {
        var found = new Dictionary<(Guid, int), CachedDefinition>();
        var missing = new List<(Guid Workflow, int Version)>();
        foreach (var key in versions)
        {
            if (parsed.TryGetValue(key, out var cached))
            {
                found[key] = cached;
            }
            else
            {
                missing.Add(key);
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        var ids = missing.Select(m => m.Workflow).Distinct().ToArray();
        var rows = await db.Set<WorkflowVersion>().IgnoreQueryFilters().AsNoTracking()
            .Where(v => ids.Contains(v.WorkflowId)).Select(v => new { v.WorkflowId, v.Version, v.Definition }).ToListAsync(ct);
        if (parsed.Count + missing.Count > Limit)
        {
            parsed.Clear();
        }

        foreach (var row in rows.Where(r => missing.Contains((r.WorkflowId, r.Version))))
        {
            var definition = WorkflowJson.Read(JsonNode.Parse(row.Definition)!.AsObject());
            found[(row.WorkflowId, row.Version)] = parsed[(row.WorkflowId, row.Version)] = new CachedDefinition(definition, new StepFlow(definition.Steps));
        }

        return found;
    }

    public async Task<CachedDefinition?> GetAsync(IntegrationsDbContext db, Guid workflow, int version, CancellationToken ct) =>
        (await GetAsync(db, [(workflow, version)], ct)).GetValueOrDefault((workflow, version));
}
