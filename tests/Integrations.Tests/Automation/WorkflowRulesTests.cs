using System.Text.Json.Nodes;
using Integrations.Automation.Steps;
using Integrations.Automation.Templates;
using Integrations.Automation.Workflows;

namespace Integrations.Tests.Automation;

public sealed class WorkflowRulesTests
{
    private readonly WorkflowRules rules = new(new StepTypes([new NoteStepType(), new NoteStepType("if_note")]), new WorkflowTemplates());

    private const string Valid = """
        {"name": "VIPs", "trigger": {"type": "record.created", "object": "contact",
          "conditions": [{"field": "email", "op": "ends_with", "value": "@vip.test"}]},
         "steps": [{"id": "first", "type": "note", "text": "Hi {{ record.email }}"}, {"type": "note", "text": "{{ steps.first.id }}"}]}
        """;

    private Dictionary<string, string[]> Check(string json) => rules.Check(JsonNode.Parse(json)!.AsObject());

    private Dictionary<string, string[]> Check(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(Valid)!.AsObject();
        change(json);
        return rules.Check(json);
    }

    [Fact]
    public void Check_FindsNothing_WhenTheWorkflowIsValid() => Assert.Empty(Check(Valid));

    [Fact]
    public void Check_AcceptsWhatAGetReturns_SoAGetBodyCanBePutBack() =>
        Assert.Empty(Check(j => { j["id"] = "wfl_x"; j["version"] = 3; j["enabled"] = true; j["created_at"] = "2026-12-04T00:00:00Z"; j["summary"] = "s"; }));

    [Fact]
    public void Check_RefusesAnUnknownProperty_WhenItIsATypo() =>
        Assert.Contains("steps", Assert.Single(Check(j => j["stpes"] = new JsonArray())).Value[0], StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_NamesTheName_WhenItIsBlank(string name) => Assert.True(Check(j => j["name"] = name).ContainsKey("name"));

    [Fact]
    public void Check_NamesTheName_WhenItIsTooLong() => Assert.True(Check(j => j["name"] = new string('n', 201)).ContainsKey("name"));

    [Theory]
    [InlineData("""{"type": "record.changed", "object": "contact"}""", "trigger.type")]
    [InlineData("""{"type": "record.created", "object": "invoice"}""", "trigger.object")]
    [InlineData("""{"type": "record.created"}""", "trigger.object")]
    [InlineData("""{"type": "deal.stage_changed", "object": "contact"}""", "trigger.object")]
    [InlineData("""{"type": "record.updated", "object": "contact", "fields": ["emial"]}""", "trigger.fields[0]")]
    [InlineData("""{"type": "record.created", "object": "contact", "fields": ["email"]}""", "trigger.fields")]
    [InlineData("""{"type": "record.updated", "object": "deal", "condition_mode": "sometimes"}""", "trigger.condition_mode")]
    [InlineData("""{"type": "app.event", "event": "invoice.paid"}""", "trigger.event")]
    [InlineData("""{"type": "app.event", "event": "slack.message_posted", "connection_id": "slack"}""", "trigger.connection_id")]
    [InlineData("""{"type": "event", "event": "slack.message_posted"}""", "trigger.event")]
    [InlineData("""{"type": "event", "event": "contact.created"}""", "trigger.event")]
    [InlineData("""{"type": "event", "event": "nothing.happened"}""", "trigger.event")]
    [InlineData("""{"type": "inbound.processed", "source_id": "whk_1"}""", "trigger.source_id")]
    [InlineData("""{"type": "schedule", "cron": "0 9 * *"}""", "trigger.cron")]
    [InlineData("""{"type": "schedule", "cron": "0 9 * * *", "time_zone": "Mars/Olympus"}""", "trigger.time_zone")]
    [InlineData("""{"type": "schedule", "cron": "0 9 * * *", "object": "contact"}""", "trigger.object")]
    [InlineData("""{"type": "manual", "object": "ticket"}""", "trigger.object")]
    public void Check_NamesTheTriggersProperty_WhenItIsWrong(string trigger, string key) =>
        Assert.Contains(key, Check(j => { j["trigger"] = JsonNode.Parse(trigger); j["steps"] = new JsonArray(new JsonObject { ["type"] = "note", ["text"] = "x" }); }).Keys);

    [Theory]
    [InlineData("""{"type": "record.updated", "object": "contact", "fields": ["email", "custom_fields.tier"], "condition_mode": "became_true"}""")]
    [InlineData("""{"type": "deal.stage_changed", "object": "deal", "conditions": [{"field": "stage", "op": "changed_to", "value": "closed_won"}]}""")]
    [InlineData("""{"type": "app.event", "event": "slack.message_posted", "conditions": [{"field": "text", "op": "contains", "value": "urgent"}]}""")]
    [InlineData("""{"type": "event", "event": "import.completed"}""")]
    [InlineData("""{"type": "event", "event": "invoice.paid"}""")]
    [InlineData("""{"type": "inbound.processed", "source_id": "src_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f"}""")]
    [InlineData("""{"type": "schedule", "cron": "0 9 * * 1-5", "time_zone": "Europe/Berlin"}""")]
    [InlineData("""{"type": "manual"}""")]
    public void Check_AcceptsTheTrigger_WhenItHasWhatItsTypeNeeds(string trigger) =>
        Assert.Empty(Check(j => { j["trigger"] = JsonNode.Parse(trigger); j["steps"] = new JsonArray(new JsonObject { ["type"] = "note", ["text"] = "x" }); }));

    [Theory]
    [InlineData("""[{"field": "emali", "op": "equals", "value": "x"}]""", "trigger.conditions[0].field")]
    [InlineData("""[{"field": "email", "op": "like", "value": "x"}]""", "trigger.conditions[0].op")]
    [InlineData("""[{"field": "email", "op": "equals"}]""", "trigger.conditions[0].value")]
    [InlineData("""[{"any": []}]""", "trigger.conditions[0].any")]
    [InlineData("""[{"all": [{"field": "email", "op": "is_empty"}], "any": []}]""", "trigger.conditions[0]")]
    [InlineData("""[{"field": "steps.later.id", "op": "is_empty"}]""", "trigger.conditions[0].field")]
    [InlineData("""[{"any": [{"any": [{"any": [{"any": [{"any": [{"any": [{"field": "email", "op": "is_empty"}]}]}]}]}]}]}]""",
        "trigger.conditions[0].any[0].any[0].any[0].any[0].any[0].any")]
    public void Check_NamesTheCondition_WhenItIsWrong(string conditions, string key) =>
        Assert.Contains(key, Check(j => j["trigger"]!["conditions"] = JsonNode.Parse(conditions)).Keys);

    [Theory]
    [InlineData("""[{"field": "custom_fields.tier", "op": "equals", "value": "gold"}]""")]
    [InlineData("""[{"field": "record.email", "op": "is_not_empty"}, {"field": "previous.email", "op": "is_empty"}]""")]
    [InlineData("""[{"any": [{"field": "email", "op": "ends_with", "value": ".test"}, {"all": [{"field": "job_title", "op": "changed"}]}]}]""")]
    public void Check_AcceptsTheConditions_WhenTheyReadTheObjectsFields(string conditions) =>
        Assert.Empty(Check(j => j["trigger"]!["conditions"] = JsonNode.Parse(conditions)));

    [Theory]
    [InlineData("""[]""", "steps")]
    [InlineData("""[{"type": "sing", "text": "x"}]""", "steps[0].type")]
    [InlineData("""[{"type": "note"}]""", "steps[0].text")]
    [InlineData("""[{"type": "note", "text": "{{ record.email "}]""", "steps[0].text")]
    [InlineData("""[{"type": "note", "text": "{{ steps.later.x }}"}, {"id": "later", "type": "note", "text": "x"}]""", "steps[0].text")]
    [InlineData("""[{"id": "a", "type": "note", "text": "x"}, {"id": "a", "type": "note", "text": "x"}]""", "steps[1].id")]
    [InlineData("""[{"id": "Bad-Id", "type": "note", "text": "x"}]""", "steps[0].id")]
    [InlineData("""["note"]""", "steps[0]")]
    [InlineData("""[{"type": "if_note", "conditions": [{"field": "email", "op": "nope"}], "then": [{"type": "note"}]}]""", "steps[0].conditions[0].op")]
    [InlineData("""[{"type": "if_note", "conditions": [], "then": [{"type": "note"}]}]""", "steps[0].then[0].text")]
    [InlineData("""[{"type": "if_note", "then": [{"id": "t", "type": "note", "text": "x"}], "else": [{"type": "note", "text": "{{ steps.t.id }}"}]}]""", "steps[0].else[0].text")]
    public void Check_NamesTheStep_WhenItIsWrong(string steps, string key) =>
        Assert.Contains(key, Check(j => j["steps"] = JsonNode.Parse(steps)).Keys);

    [Fact]
    public void Check_ListsTheKnownStepTypes_WhenATypeIsUnknown() =>
        Assert.Contains("if_note, note", Check(j => j["steps"] = JsonNode.Parse("""[{"type": "sing"}]"""))["steps[0].type"][0], StringComparison.Ordinal);

    [Fact]
    public void Check_CountsBranchSteps_TowardTheLimitOf50()
    {
        var branch = new JsonArray([.. Enumerable.Range(0, 49).Select(_ => (JsonNode)new JsonObject { ["type"] = "note", ["text"] = "x" })]);
        var steps = new JsonArray(new JsonObject { ["type"] = "if_note", ["then"] = branch });

        Assert.Empty(Check(j => j["steps"] = steps.DeepClone()));
        ((JsonArray)steps[0]!["then"]!).Add(new JsonObject { ["type"] = "note", ["text"] = "x" });
        Assert.True(Check(j => j["steps"] = steps).ContainsKey("steps"));
    }

    [Theory]
    [InlineData("""{"trigger_on_own_changes": "yes"}""", "settings.trigger_on_own_changes")]
    [InlineData("""{"max_runs_per_minute": 0}""", "settings.max_runs_per_minute")]
    [InlineData("""{"max_runs_per_minute": 600001}""", "settings.max_runs_per_minute")]
    [InlineData("""{"max_run_per_minute": 10}""", "settings.max_run_per_minute")]
    public void Check_NamesTheSetting_WhenItIsWrong(string settings, string key) =>
        Assert.Contains(key, Check(j => j["settings"] = JsonNode.Parse(settings)).Keys);

    [Fact]
    public void Check_AcceptsTheSettings_WhenInRange() =>
        Assert.Empty(Check(j => j["settings"] = JsonNode.Parse("""{"trigger_on_own_changes": true, "max_runs_per_minute": 600000}""")));
}
