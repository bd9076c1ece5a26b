using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.Automation.Definitions;

/// <summary>
/// Reads a workflow's JSON into a <see cref="WorkflowDefinition"/>. It is lenient (what is missing or of the wrong kind
/// reads as absent): saving checks the JSON first (<c>WorkflowRules</c>), and a stored version was checked when saved.
/// Steps without an <c>id</c> are named <c>step_1</c>, <c>step_2</c>… in the order they appear, branches included.
/// </summary>
internal static class WorkflowJson
{
    public static WorkflowDefinition Read(JsonObject json)
    {
        var numbering = 0;
        var settings = json["settings"] as JsonObject;
        return new WorkflowDefinition(
            Text(json, "name") ?? "",
            ReadTrigger(json["trigger"] as JsonObject ?? []),
            ReadSteps(json["steps"] as JsonArray, ref numbering),
            new WorkflowGuards(
                Bool(settings, "trigger_on_own_changes") ?? false,
                Int(settings, "max_runs_per_minute") ?? WorkflowLimits.DefaultRunsPerMinute),
            json);
    }

    public static TriggerDefinition ReadTrigger(JsonObject trigger) => new()
    {
        Type = Text(trigger, "type") ?? "",
        Object = Text(trigger, "object"),
        Event = Text(trigger, "event"),
        ConnectionId = Text(trigger, "connection_id"),
        SourceId = Text(trigger, "source_id"),
        Fields = (trigger["fields"] as JsonArray)?.Select(f => f is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
            .OfType<string>().ToList() ?? [],
        Conditions = ReadConditions(trigger["conditions"] as JsonArray),
        ConditionMode = Text(trigger, "condition_mode") ?? ConditionModes.IsTrue,
        Cron = Text(trigger, "cron"),
        TimeZone = Text(trigger, "time_zone"),
    };

    public static IReadOnlyList<Condition> ReadConditions(JsonArray? conditions) =>
        conditions?.OfType<JsonObject>().Select(ReadCondition).ToList() ?? [];

    private static Condition ReadCondition(JsonObject condition) => new()
    {
        Field = Text(condition, "field"),
        Op = Text(condition, "op"),
        Value = condition["value"]?.DeepClone(),
        Any = condition["any"] is JsonArray any ? ReadConditions(any) : null,
        All = condition["all"] is JsonArray all ? ReadConditions(all) : null,
    };

    private static List<StepDefinition> ReadSteps(JsonArray? steps, ref int numbering)
    {
        var read = new List<StepDefinition>();
        foreach (var step in steps?.OfType<JsonObject>() ?? [])
        {
            numbering++;
            var id = Text(step, "id") ?? $"step_{numbering}";
            read.Add(new StepDefinition(id, Text(step, "type") ?? "", step)
            {
                Conditions = ReadConditions(step["conditions"] as JsonArray),
                Then = ReadSteps(step["then"] as JsonArray, ref numbering),
                Else = ReadSteps(step["else"] as JsonArray, ref numbering),
            });
        }

        return read;
    }

    private static string? Text(JsonObject? json, string name) => JsonText.Of(json?[name]);

    private static bool? Bool(JsonObject? json, string name) =>
        json?[name] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    private static int? Int(JsonObject? json, string name) =>
        json?[name] is JsonValue value && value.TryGetValue<int>(out var i) ? i
        : json?[name] is JsonValue number && number.GetValueKind() == JsonValueKind.Number && int.TryParse(number.ToJsonString(), out var parsed) ? parsed
        : null;
}
