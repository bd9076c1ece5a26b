using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;
using Integrations.Crm.Schema;

namespace Integrations.Automation.Conditions;

/// <summary>
/// The one checker of conditions, for a trigger's filter and an <c>if</c> step's: each is a comparison (<c>field</c>,
/// <c>op</c>, <c>value</c> unless the op is unary) or a non-empty <c>any</c> / <c>all</c> group, nested at most
/// <see cref="ConditionOps.MaxDepth"/> deep. With a record trigger a bare field must be one of the object's; a path under
/// <c>steps.</c> must name an earlier step (<see cref="StepChecks.EarlierSteps"/>).
/// </summary>
internal static partial class ConditionChecks
{
    private static readonly HashSet<string> Roots = ["record", "previous", "changed_fields", "trigger", "steps"];

    /// <summary>Checks the array at <paramref name="field"/> (relative to <see cref="StepChecks.Path"/>); absent is fine.</summary>
    public static void Check(JsonNode? conditions, string field, StepChecks checks)
    {
        if (conditions is null)
        {
            return;
        }

        if (conditions is not JsonArray list)
        {
            checks.Add(field, "conditions must be an array of conditions.");
            return;
        }

        CheckList(list, field, 1, checks);
    }

    private static void CheckList(JsonArray list, string path, int depth, StepChecks checks)
    {
        for (var i = 0; i < list.Count; i++)
        {
            CheckOne(list[i], $"{path}[{i}]", depth, checks);
        }
    }

    private static void CheckOne(JsonNode? node, string path, int depth, StepChecks checks)
    {
        if (node is not JsonObject condition)
        {
            checks.Add(path, "A condition must be an object: {\"field\", \"op\", \"value\"} or a group {\"any\": [...]} / {\"all\": [...]}.");
            return;
        }

        var groups = new[] { "any", "all" }.Where(condition.ContainsKey).ToList();
        if (groups.Count > 0)
        {
            CheckGroup(condition, groups, path, depth, checks);
            return;
        }

        foreach (var (name, _) in condition)
        {
            if (name is not ("field" or "op" or "value"))
            {
                checks.Add($"{path}.{name}", $"Unknown property '{name}'; a condition has field, op and value, or any / all.");
            }
        }

        CheckField(condition["field"], $"{path}.field", checks);
        var op = JsonText.Of(condition["op"]);
        if (op is null || !ConditionOps.All.Contains(op))
        {
            checks.Add($"{path}.op", $"op must be one of {string.Join(", ", ConditionOps.All)}.");
            return;
        }

        if (!ConditionOps.IsUnary(op) && !condition.ContainsKey("value"))
        {
            checks.Add($"{path}.value", $"'{op}' compares with a value; give one.");
        }
        else if (condition["value"] is JsonObject)
        {
            checks.Add($"{path}.value", "value must be text, a number, true, false, null or a list of those.");
        }
    }

    private static void CheckGroup(JsonObject condition, List<string> groups, string path, int depth, StepChecks checks)
    {
        if (groups.Count > 1 || condition.Count > 1)
        {
            checks.Add(path, "A group has either 'any' or 'all', and nothing else.");
            return;
        }

        var name = groups[0];
        if (depth > ConditionOps.MaxDepth)
        {
            checks.Add($"{path}.{name}", $"Groups nest at most {ConditionOps.MaxDepth} deep.");
            return;
        }

        if (condition[name] is not JsonArray { Count: > 0 } members)
        {
            checks.Add($"{path}.{name}", $"'{name}' must be a non-empty array of conditions.");
            return;
        }

        CheckList(members, $"{path}.{name}", depth + 1, checks);
    }

    private static void CheckField(JsonNode? node, string path, StepChecks checks)
    {
        if (JsonText.Of(node) is not { Length: > 0 } field || !FieldPath().IsMatch(field))
        {
            checks.Add(path, "field must name a field: letters, digits, '_' and '-', with dots between names (custom_fields.tier, record.email).");
            return;
        }

        var names = field.Split('.');
        if (names[0] == "steps")
        {
            if (names.Length < 2 || !checks.EarlierSteps.Contains(names[1]))
            {
                checks.Add(path, $"'{field}' reads a step that does not run before this point; name an earlier step's id.");
            }

            return;
        }

        if (RecordObject(checks.Trigger) is not { } type)
        {
            return;
        }

        var (name, rest) = names[0] is "record" or "previous" ? (string.Join('.', names[1..]), true) : (field, false);
        if (!Roots.Contains(names[0]) || rest)
        {
            if (!ObjectFields.IsReadable(type, name))
            {
                checks.Add(path, $"'{field}' is not a field of {type.Name}; its fields are {ObjectFields.Names(type)}.");
            }
        }
    }

    /// <summary>The object a trigger's data is a record of, when the trigger names a known one.</summary>
    public static RecordType? RecordObject(TriggerDefinition trigger) =>
        (TriggerTypes.IsRecord(trigger.Type) || trigger.Type == TriggerTypes.Manual) && trigger.Object is { } name
            ? RecordTypes.All.FirstOrDefault(t => t.Name == name)
            : null;

    [GeneratedRegex(@"^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*$")]
    private static partial Regex FieldPath();
}
