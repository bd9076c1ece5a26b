using System.Text.Json.Nodes;
using Integrations.Automation.Conditions;
using Integrations.Automation.Definitions;
using Integrations.Automation.Runs;

namespace Integrations.Tests.Automation;

public sealed class ConditionEvaluatorTests
{
    private static readonly JsonObject Data = JsonNode.Parse("""
        {"record": {"email": "ana@VIP.test", "amount": 1200.5, "stage": "closed_won", "close_date": "2026-12-04",
                    "job_title": "", "tags": ["gold", "emea"], "custom_fields": {"tier": "gold", "seats": "12"}},
         "previous": {"stage": "negotiation", "custom_fields.tier": "silver"},
         "changed_fields": ["stage", "custom_fields.tier"],
         "steps": {"meeting": {"join_url": "https://zoom.test/j/1"}}}
        """)!.AsObject();

    private static bool Holds(string conditions, JsonObject? data = null) =>
        ConditionEvaluator.Holds(WorkflowJson.ReadConditions(JsonNode.Parse(conditions)!.AsArray()), new ConditionSubject(data ?? Data));

    private static bool BecameTrue(string conditions, JsonObject data) =>
        ConditionEvaluator.BecameTrue(WorkflowJson.ReadConditions(JsonNode.Parse(conditions)!.AsArray()), new ConditionSubject(data));

    [Theory]
    [InlineData("""{"field": "email", "op": "equals", "value": "ANA@vip.test"}""", true)]
    [InlineData("""{"field": "email", "op": "equals", "value": "bo@vip.test"}""", false)]
    [InlineData("""{"field": "email", "op": "not_equals", "value": "bo@vip.test"}""", true)]
    [InlineData("""{"field": "email", "op": "not_equals", "value": "ana@vip.test"}""", false)]
    [InlineData("""{"field": "email", "op": "contains", "value": "@vip"}""", true)]
    [InlineData("""{"field": "email", "op": "contains", "value": "@example"}""", false)]
    [InlineData("""{"field": "tags", "op": "contains", "value": "GOLD"}""", true)]
    [InlineData("""{"field": "email", "op": "not_contains", "value": "@example"}""", true)]
    [InlineData("""{"field": "email", "op": "starts_with", "value": "ana@"}""", true)]
    [InlineData("""{"field": "email", "op": "starts_with", "value": "bo@"}""", false)]
    [InlineData("""{"field": "email", "op": "ends_with", "value": "@vip.test"}""", true)]
    [InlineData("""{"field": "email", "op": "ends_with", "value": ".com"}""", false)]
    [InlineData("""{"field": "job_title", "op": "is_empty"}""", true)]
    [InlineData("""{"field": "missing", "op": "is_empty"}""", true)]
    [InlineData("""{"field": "email", "op": "is_empty"}""", false)]
    [InlineData("""{"field": "email", "op": "is_not_empty"}""", true)]
    [InlineData("""{"field": "stage", "op": "changed"}""", true)]
    [InlineData("""{"field": "email", "op": "changed"}""", false)]
    [InlineData("""{"field": "stage", "op": "changed_to", "value": "closed_won"}""", true)]
    [InlineData("""{"field": "stage", "op": "changed_to", "value": "closed_lost"}""", false)]
    [InlineData("""{"field": "record.stage", "op": "changed"}""", true)]
    public void Holds_ComparesAsTheOpSays(string condition, bool expected) => Assert.Equal(expected, Holds($"[{condition}]"));

    [Theory]
    [InlineData("""{"field": "amount", "op": "greater_than", "value": 1000}""", true)]
    [InlineData("""{"field": "amount", "op": "greater_than", "value": "999.99"}""", true)]
    [InlineData("""{"field": "amount", "op": "less_than", "value": 1200.5}""", false)]
    [InlineData("""{"field": "amount", "op": "equals", "value": "1200.50"}""", true)]
    [InlineData("""{"field": "custom_fields.seats", "op": "greater_than", "value": 9}""", true)]
    [InlineData("""{"field": "close_date", "op": "greater_than", "value": "2026-12-01"}""", true)]
    [InlineData("""{"field": "close_date", "op": "less_than", "value": "2026-12-01T00:00:00Z"}""", false)]
    [InlineData("""{"field": "email", "op": "greater_than", "value": 3}""", false)]
    public void Holds_ComparesNumbersAsNumbersAndDatesAsInstants(string condition, bool expected) => Assert.Equal(expected, Holds($"[{condition}]"));

    [Theory]
    [InlineData("""{"field": "custom_fields.tier", "op": "equals", "value": "gold"}""", true)]
    [InlineData("""{"field": "custom_fields.tier", "op": "changed"}""", true)]
    [InlineData("""{"field": "steps.meeting.join_url", "op": "starts_with", "value": "https://zoom.test"}""", true)]
    [InlineData("""{"field": "previous.stage", "op": "equals", "value": "negotiation"}""", true)]
    public void Holds_ReadsCustomFieldsAndPaths(string condition, bool expected) => Assert.Equal(expected, Holds($"[{condition}]"));

    [Theory]
    [InlineData("""[{"any": [{"field": "stage", "op": "equals", "value": "lost"}, {"field": "amount", "op": "greater_than", "value": 1000}]}]""", true)]
    [InlineData("""[{"any": [{"field": "stage", "op": "equals", "value": "lost"}, {"field": "amount", "op": "greater_than", "value": 5000}]}]""", false)]
    [InlineData("""[{"all": [{"field": "stage", "op": "equals", "value": "closed_won"}, {"field": "amount", "op": "greater_than", "value": 5000}]}]""", false)]
    [InlineData("""[{"field": "stage", "op": "equals", "value": "closed_won"}, {"any": [{"field": "email", "op": "is_empty"}, {"all": [{"field": "custom_fields.tier", "op": "equals", "value": "gold"}]}]}]""", true)]
    [InlineData("""[{"field": "stage", "op": "equals", "value": "closed_won"}, {"field": "amount", "op": "less_than", "value": 10}]""", false)]
    public void Holds_CombinesGroups_AnyAsOrAndAllAsAnd(string conditions, bool expected) => Assert.Equal(expected, Holds(conditions));

    [Fact]
    public void Holds_ReadsBareFieldsFromTheTriggerData_WhenThereIsNoRecord()
    {
        var data = JsonNode.Parse("""{"trigger": {"text": "This is URGENT", "channel": "C1"}}""")!.AsObject();

        Assert.True(Holds("""[{"field": "text", "op": "contains", "value": "urgent"}]""", data));
        Assert.False(Holds("""[{"field": "channel", "op": "equals", "value": "C2"}]""", data));
    }

    [Fact]
    public void BecameTrue_IsTrue_WhenTheChangeMadeTheConditionsHold() =>
        Assert.True(BecameTrue("""[{"field": "stage", "op": "equals", "value": "closed_won"}]""", Data));

    [Fact]
    public void BecameTrue_IsFalse_WhenTheConditionsHeldBeforeTheChange()
    {
        var data = (JsonObject)Data.DeepClone();
        data["previous"] = new JsonObject { ["stage"] = "closed_won" };

        Assert.False(BecameTrue("""[{"field": "amount", "op": "greater_than", "value": 1000}]""", data));
        Assert.False(BecameTrue("""[{"field": "stage", "op": "equals", "value": "closed_won"}]""", data));
    }

    [Fact]
    public void BecameTrue_SeesACustomFieldsPreviousValue() =>
        Assert.True(BecameTrue("""[{"field": "custom_fields.tier", "op": "equals", "value": "gold"}]""", Data));

    [Fact]
    public void BecameTrue_IsFalse_WhenTheConditionsDoNotHoldNow() =>
        Assert.False(BecameTrue("""[{"field": "stage", "op": "equals", "value": "negotiation"}]""", Data));

    [Fact]
    public void BecameTrue_IsTrue_ForACreate_WhenTheConditionsHold()
    {
        var created = JsonNode.Parse("""{"record": {"stage": "closed_won"}}""")!.AsObject();

        Assert.True(BecameTrue("""[{"field": "stage", "op": "equals", "value": "closed_won"}]""", created));
    }

    [Theory]
    [InlineData("""{"field": "email", "op": "ends_with", "value": "@vip.test"}""", true)]
    [InlineData("""{"field": "record.amount", "op": "greater_than", "value": 1000}""", true)]
    [InlineData("""{"field": "trigger.object", "op": "equals", "value": "deal"}""", true)]
    [InlineData("""{"field": "previous.stage", "op": "equals", "value": "negotiation"}""", true)]
    [InlineData("""{"field": "stage", "op": "changed_to", "value": "closed_won"}""", true)]
    [InlineData("""{"field": "email", "op": "changed"}""", false)]
    [InlineData("""{"field": "trigger.missing", "op": "is_empty"}""", true)]
    public void OfTrigger_ReadsAsTheRunsDataDoes_WithoutCopyingIt(string condition, bool expected)
    {
        var trigger = JsonNode.Parse("""
            {"object": "deal", "record": {"email": "ana@vip.test", "amount": 1200.5, "stage": "closed_won"},
             "previous": {"stage": "negotiation"}, "changed_fields": ["stage"]}
            """)!.AsObject();
        var conditions = WorkflowJson.ReadConditions(JsonNode.Parse($"[{condition}]")!.AsArray());

        Assert.Equal(expected, ConditionEvaluator.Holds(conditions, ConditionSubject.OfTrigger(trigger)));
        Assert.Equal(expected, ConditionEvaluator.Holds(conditions, new ConditionSubject(RunData.From(trigger))));
        Assert.Equal(
            ConditionEvaluator.BecameTrue(conditions, new ConditionSubject(RunData.From(trigger))),
            ConditionEvaluator.BecameTrue(conditions, ConditionSubject.OfTrigger(trigger)));
    }
}
