using System.Text.Json.Nodes;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;

namespace Integrations.Automation.Runs;

/// <summary>
/// The trigger data of a run started by hand (or a test run): <c>{object, id, record}</c> for the chosen record, as a
/// record event carries it, so the same templates and conditions work. A trigger that names an object needs a record of
/// that object; any other accepts any record, or none.
/// </summary>
internal sealed class RunTriggers(RecordReader records)
{
    /// <summary>The trigger data, or the field and message of why not.</summary>
    public async Task<(JsonObject? Data, string? Error)> ForRecordAsync(string? triggerObject, string? recordId, CancellationToken ct)
    {
        var named = triggerObject is null ? null : RecordTypes.Find(triggerObject);
        if (string.IsNullOrEmpty(recordId))
        {
            return named is null ? ([], null) : (null, $"record_id is required: this workflow runs on a {named.Name} ({named.Prefix}_…).");
        }

        var type = named ?? RecordTypes.All.FirstOrDefault(t => recordId.StartsWith(t.Prefix + "_", StringComparison.Ordinal));
        if (type is null || !PublicId.TryParse(type.Prefix, recordId, out var id))
        {
            return (null, named is null
                ? "record_id is not a record id (con_…, acc_…, deal_…, prd_… or act_…)."
                : $"record_id must be a {named.Name} id ({named.Prefix}_…).");
        }

        if (await records.GetAsync(type, id, ct) is not { } record)
        {
            return (null, $"There is no {type.Name} with id '{recordId}' in this workspace.");
        }

        return (new JsonObject { ["object"] = type.Name, ["id"] = recordId, ["record"] = record }, null);
    }
}
