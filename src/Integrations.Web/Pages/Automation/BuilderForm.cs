using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Automation.Builder;

namespace Integrations.Web.Pages.Automation;

/// <summary>
/// The builder's fields, flat for model binding, to and from a workflow's JSON (the one shape the API takes too). The
/// builder says what it can: one trigger, an AND list of conditions, step cards with each type's inputs. What it cannot
/// (condition groups) makes <see cref="Expressible"/> false, and the page sends the admin to the JSON tab.
/// </summary>
public sealed class BuilderForm
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly string[] OwnProperties = ["name", "enabled", "trigger", "steps"];
    private static readonly string[] OwnTriggerProperties = ["type", "object", "event", "fields", "conditions", "condition_mode", "cron", "time_zone"];

    public string? Name { get; set; }
    public bool Enabled { get; set; }
    public string TriggerType { get; set; } = "record.created";
    public string? Object { get; set; }
    public string? Event { get; set; }
    public string? Cron { get; set; }
    public string? TimeZone { get; set; } = "UTC";

    /// <summary>"Only when these fields changed", comma-separated.</summary>
    public string? ChangedFields { get; set; }
    public string ConditionMode { get; set; } = "is_true";
    public List<ConditionRow> Conditions { get; set; } = [];
    public List<StepCard> Steps { get; set; } = [];

    /// <summary>The workflow's other properties (<c>description</c>, <c>settings</c>) and the trigger's, kept as JSON.</summary>
    public string? Extra { get; set; }
    public string? TriggerExtra { get; set; }

    /// <summary>Whether the builder can show all of the workflow (no condition groups).</summary>
    public bool Expressible { get; set; } = true;

    public static bool IsRecordTrigger(string type) => type is "record.created" or "record.updated" or "record.deleted" or "deal.stage_changed";

    public static bool TakesObject(string type) => IsRecordTrigger(type) || type == "manual";

    public static bool TakesEvent(string type) => type is "app.event" or "event";

    public static bool TakesChangedFields(string type) => type is "record.updated" or "deal.stage_changed";

    /// <summary>The workflow's JSON; what does not parse (a JSON input) is in the errors, keyed as the API keys it.</summary>
    public (JsonObject Json, Dictionary<string, string[]> Errors) ToJson(IReadOnlyList<StepTypeInfo> types)
    {
        var errors = new Dictionary<string, string[]>();
        var json = Parsed(Extra, "extra", errors);
        json["name"] = Name?.Trim() ?? "";
        json["enabled"] = Enabled;
        json["trigger"] = Trigger(errors);
        json["steps"] = new JsonArray([.. Steps.Select((card, i) => (JsonNode)Step(card, i, types, errors))]);
        return (json, errors);
    }

    private JsonObject Trigger(Dictionary<string, string[]> errors)
    {
        var trigger = Parsed(TriggerExtra, "trigger", errors);
        trigger["type"] = TriggerType;
        if (TakesObject(TriggerType) && Blank(Object) is { } objectName)
        {
            trigger["object"] = objectName;
        }

        if (TakesEvent(TriggerType) && Blank(Event) is { } eventName)
        {
            trigger["event"] = eventName;
        }

        if (TriggerType == "schedule")
        {
            trigger["cron"] = Cron?.Trim() ?? "";
            trigger["time_zone"] = Blank(TimeZone) ?? "UTC";
        }

        var fields = (ChangedFields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (TakesChangedFields(TriggerType) && fields.Length > 0)
        {
            trigger["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]);
        }

        var conditions = Conditions.Where(c => Blank(c.Field) is not null).ToList();
        if (conditions.Count > 0)
        {
            trigger["conditions"] = new JsonArray([.. conditions.Select(Condition)]);
            trigger["condition_mode"] = ConditionMode;
        }

        return trigger;
    }

    private static JsonNode Condition(ConditionRow row)
    {
        var condition = new JsonObject { ["field"] = row.Field!.Trim(), ["op"] = row.Op };
        if (row.Op is not ("is_empty" or "is_not_empty" or "changed"))
        {
            condition["value"] = row.Value ?? "";
        }

        return condition;
    }

    private static JsonObject Step(StepCard card, int index, IReadOnlyList<StepTypeInfo> types, Dictionary<string, string[]> errors)
    {
        var path = $"steps[{index}]";
        var step = Parsed(card.Extra, $"{path}.extra", errors);
        if (Blank(card.Id) is { } id)
        {
            step["id"] = id;
        }

        step["type"] = card.Type;
        var type = types.FirstOrDefault(t => t.Type == card.Type);
        foreach (var field in type?.Fields ?? [])
        {
            if (IsActionInput(type!, field))
            {
                var input = new JsonObject();
                foreach (var (name, value) in card.Input.Where(i => !string.IsNullOrEmpty(i.Value)))
                {
                    input[name] = value;
                }

                step[field.Name] = input;
                continue;
            }

            var raw = card.Value(field.Name);
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            step[field.Name] = field.Kind switch
            {
                "fields" => Lines(raw),
                "json" or "conditions" or "steps" => ParsedNode(raw, $"{path}.{field.Name}", errors),
                _ => raw.Trim(),
            };
        }

        return step;
    }

    /// <summary>The step type's input object of an app action: the field beside an <c>action</c> field, named <c>input</c>.</summary>
    public static bool IsActionInput(StepTypeInfo type, StepInputInfo field) =>
        field.Name == "input" && field.Kind != "action" && type.Fields.Any(f => f.Kind == "action");

    /// <summary>Lines of <c>name: template</c> as an object (<c>{"job_title": "VIP"}</c>).</summary>
    private static JsonObject Lines(string text)
    {
        var fields = new JsonObject();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            else
            {
                fields[line] = "";
            }
        }

        return fields;
    }

    private static JsonObject Parsed(string? text, string key, Dictionary<string, string[]> errors) =>
        ParsedNode(text, key, errors) as JsonObject ?? [];

    private static JsonNode? ParsedNode(string? text, string key, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            errors[key] = [$"Not valid JSON: {e.Message}"];
            return null;
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The builder's fields for a workflow's JSON.</summary>
    public static BuilderForm From(JsonObject json, bool enabled, IReadOnlyList<StepTypeInfo> types)
    {
        var form = new BuilderForm { Name = Text(json["name"]), Enabled = enabled, Extra = Rest(json, OwnProperties) };
        if (json["trigger"] is JsonObject trigger)
        {
            form.TriggerType = Text(trigger["type"]) ?? form.TriggerType;
            form.Object = Text(trigger["object"]);
            form.Event = Text(trigger["event"]);
            form.Cron = Text(trigger["cron"]);
            form.TimeZone = Text(trigger["time_zone"]) ?? "UTC";
            form.ChangedFields = trigger["fields"] is JsonArray fields ? string.Join(", ", fields.Select(Text).OfType<string>()) : null;
            form.ConditionMode = Text(trigger["condition_mode"]) ?? "is_true";
            form.TriggerExtra = Rest(trigger, OwnTriggerProperties);
            foreach (var condition in (trigger["conditions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (condition.ContainsKey("any") || condition.ContainsKey("all"))
                {
                    form.Expressible = false;
                    continue;
                }

                form.Conditions.Add(new ConditionRow
                {
                    Field = Text(condition["field"]), Op = Text(condition["op"]) ?? "equals", Value = Display(condition["value"]),
                });
            }
        }

        foreach (var step in (json["steps"] as JsonArray ?? []).OfType<JsonObject>())
        {
            form.Steps.Add(Card(step, types));
        }

        return form;
    }

    private static StepCard Card(JsonObject step, IReadOnlyList<StepTypeInfo> types)
    {
        var card = new StepCard { Id = Text(step["id"]), Type = Text(step["type"]) ?? "" };
        var type = types.FirstOrDefault(t => t.Type == card.Type);
        var own = new List<string> { "id", "type" };
        foreach (var field in type?.Fields ?? [])
        {
            own.Add(field.Name);
            var value = step[field.Name];
            if (IsActionInput(type!, field) && value is JsonObject input)
            {
                card.Input = input.ToDictionary(p => p.Key, p => Display(p.Value));
            }
            else if (field.Kind == "fields" && value is JsonObject fields)
            {
                card.Values[field.Name] = string.Join("\n", fields.Select(p => $"{p.Key}: {Display(p.Value)}"));
            }
            else if (value is not null)
            {
                card.Values[field.Name] = value is JsonValue ? Display(value) : value.ToJsonString(Indented);
            }
        }

        card.Extra = Rest(step, [.. own]);
        return card;
    }

    private static string? Rest(JsonObject json, string[] own)
    {
        var rest = new JsonObject();
        foreach (var (name, value) in json.Where(p => !own.Contains(p.Key)))
        {
            rest[name] = value?.DeepClone();
        }

        return rest.Count == 0 ? null : rest.ToJsonString(Indented);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string? Display(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
