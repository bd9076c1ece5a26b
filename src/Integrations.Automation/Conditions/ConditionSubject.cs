using System.Text.Json.Nodes;

namespace Integrations.Automation.Conditions;

/// <summary>
/// What conditions are evaluated against: the run's data (<c>record</c>, <c>previous</c>, <c>changed_fields</c>,
/// <c>trigger</c>, <c>steps</c> — the same names templates use). A field path whose first name is none of those is
/// read from <see cref="Default"/>: the record for record triggers (<c>email</c>), the event's data otherwise (<c>text</c>).
/// </summary>
internal sealed class ConditionSubject
{
    private static readonly HashSet<string> Roots = ["record", "previous", "changed_fields", "trigger", "steps"];

    /// <summary>When the data is the trigger's own (<see cref="OfTrigger"/>): <c>trigger.x</c> is read from it.</summary>
    private readonly bool dataIsTrigger;

    public ConditionSubject(JsonObject data)
    {
        Data = data;
        Default = data["record"] as JsonObject ?? data["trigger"] as JsonObject;
        Changed = (data["changed_fields"] as JsonArray)?.Select(f => f?.GetValue<string>()).OfType<string>().ToHashSet() ?? [];
    }

    private ConditionSubject(JsonObject data, JsonObject? @default, IReadOnlySet<string> changed, bool dataIsTrigger = false)
    {
        Data = data;
        Default = @default;
        Changed = changed;
        this.dataIsTrigger = dataIsTrigger;
    }

    /// <summary>Conditions over a trigger's data alone, as matching reads it before a run exists: <c>record</c>,
    /// <c>previous</c> and <c>changed_fields</c> are in it, and <c>trigger</c> is it (no copy of it is made).</summary>
    public static ConditionSubject OfTrigger(JsonObject trigger) => new(trigger, trigger["record"] as JsonObject ?? trigger,
        (trigger["changed_fields"] as JsonArray)?.Select(f => f?.GetValue<string>()).OfType<string>().ToHashSet() ?? [], dataIsTrigger: true);

    public JsonObject Data { get; }
    public JsonObject? Default { get; }
    public IReadOnlySet<string> Changed { get; }

    /// <summary>The value at <paramref name="path"/> (dots between names; <c>custom_fields.tier</c>), or null.</summary>
    public JsonNode? Read(string path)
    {
        var names = path.Split('.');
        var fromTrigger = dataIsTrigger && names[0] == "trigger";
        JsonNode? node = fromTrigger || Roots.Contains(names[0]) ? Data : Default;
        foreach (var name in fromTrigger ? names.AsSpan(1) : names)
        {
            node = node is JsonObject o ? o[name] : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Whether the change touched the field (a path under the record: <c>stage</c>, <c>record.stage</c>).</summary>
    public bool HasChanged(string path) => Changed.Contains(path.StartsWith("record.", StringComparison.Ordinal) ? path["record.".Length..] : path);

    /// <summary>The record as it was before this change (its changed fields set back to <c>previous</c>), for
    /// "became true"; null when there was no record before (a create).</summary>
    public ConditionSubject? Before()
    {
        if (Data["record"] is not JsonObject record || Data["previous"] is not JsonObject previous)
        {
            return null;
        }

        var before = (JsonObject)record.DeepClone();
        foreach (var (name, value) in previous)
        {
            if (name.StartsWith("custom_fields.", StringComparison.Ordinal))
            {
                var custom = before["custom_fields"] as JsonObject ?? [];
                custom[name["custom_fields.".Length..]] = value?.DeepClone();
                before["custom_fields"] = custom;
            }
            else
            {
                before[name] = value?.DeepClone();
            }
        }

        var data = (JsonObject)Data.DeepClone();
        data["record"] = before;
        data.Remove("previous");
        data.Remove("changed_fields");
        return new ConditionSubject(data, before, new HashSet<string>(), dataIsTrigger);
    }
}
