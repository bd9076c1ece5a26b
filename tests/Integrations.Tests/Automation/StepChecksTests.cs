using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Steps;
using Integrations.Automation.Steps.AddNote;
using Integrations.Automation.Steps.AppAction;
using Integrations.Automation.Steps.CreateRecord;
using Integrations.Automation.Steps.Delay;
using Integrations.Automation.Steps.HttpRequest;
using Integrations.Automation.Steps.If;
using Integrations.Automation.Steps.PublishEvent;
using Integrations.Automation.Steps.SchedulePost;
using Integrations.Automation.Steps.UpdateRecord;
using Integrations.Automation.Steps.UpsertRecord;
using Integrations.Automation.Templates;

namespace Integrations.Tests.Automation;

/// <summary>Each step type's checks on save: what is wrong is named by its JSON path under the step.</summary>
public sealed class StepChecksTests
{
    private const string ContactCreated = """{"type": "record.created", "object": "contact"}""";
    private static readonly WorkflowTemplates Templates = new();

    [Fact]
    public void UpdateRecord_Passes_WhenFieldsAreTheObjectsAndTemplatesParse()
    {
        var errors = Errors(new UpdateRecordStep(Templates), """{"type": "update_record", "fields": {"job_title": "VIP {{ record.first_name }}", "custom_fields.tier": "gold"}}""");

        Assert.Empty(errors);
    }

    [Fact]
    public void UpdateRecord_NamesTheField_WhenTheObjectHasNoSuchField()
    {
        var errors = Errors(new UpdateRecordStep(Templates), """{"type": "update_record", "fields": {"stage": "won"}}""");

        Assert.Contains("no field 'stage'", Assert.Single(errors["steps[0].fields.stage"]), StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateRecord_NamesTheTemplate_WhenItDoesNotParse()
    {
        var errors = Errors(new UpdateRecordStep(Templates), """{"type": "update_record", "fields": {"job_title": "{{ record.first_name "}}""");

        Assert.True(errors.ContainsKey("steps[0].fields.job_title"));
    }

    [Theory]
    [InlineData("""{"type": "schedule", "cron": "0 9 * * *"}""")]
    [InlineData("""{"type": "record.deleted", "object": "contact"}""")]
    [InlineData("""{"type": "manual"}""")]
    public void UpdateRecord_IsRefused_WhenTheTriggerHasNoRecordToUpdate(string trigger)
    {
        var errors = Errors(new UpdateRecordStep(Templates), """{"type": "update_record", "fields": {"job_title": "x"}}""", trigger);

        Assert.True(errors.ContainsKey("steps[0].type"));
    }

    [Fact]
    public void UpdateRecord_Passes_ForAManualTriggerWithAnObject()
    {
        var errors = Errors(new UpdateRecordStep(Templates), """{"type": "update_record", "fields": {"stage": "closed_won"}}""",
            """{"type": "manual", "object": "deal"}""");

        Assert.Empty(errors);
    }

    [Fact]
    public void CreateRecord_NamesTheObject_WhenItIsNotACrmObject()
    {
        var errors = Errors(new CreateRecordStep(Templates), """{"type": "create_record", "object": "invoice", "fields": {"name": "x"}}""");

        Assert.True(errors.ContainsKey("steps[0].object"));
    }

    [Fact]
    public void UpsertRecord_AsksForTheMatchField_WhenFieldsLackIt()
    {
        var errors = Errors(new UpsertRecordStep(Templates), """{"type": "upsert_record", "object": "contact", "match": "email", "fields": {"first_name": "x"}}""");

        Assert.True(errors.ContainsKey("steps[0].fields.email"));
    }

    [Fact]
    public void UpsertRecord_IsRefused_ForAnObjectWithoutANaturalKey()
    {
        var errors = Errors(new UpsertRecordStep(Templates), """{"type": "upsert_record", "object": "deal", "fields": {"name": "x"}}""");

        Assert.True(errors.ContainsKey("steps[0].object"));
    }

    [Fact]
    public void AddNote_NeedsText()
    {
        var errors = Errors(new AddNoteStep(Templates, TimeProvider.System), """{"type": "add_note", "text": " "}""");

        Assert.True(errors.ContainsKey("steps[0].text"));
    }

    [Fact]
    public void AddNote_NeedsARecord_WhenTheTriggerHasNone()
    {
        var withoutRecord = Errors(new AddNoteStep(Templates, TimeProvider.System), """{"type": "add_note", "text": "hi"}""", """{"type": "event", "event": "invoice.paid"}""");
        var withRecord = Errors(new AddNoteStep(Templates, TimeProvider.System), """{"type": "add_note", "text": "hi", "record": "{{ trigger.contact_id }}"}""", """{"type": "event", "event": "invoice.paid"}""");

        Assert.NotEmpty(withoutRecord);
        Assert.Empty(withRecord);
    }

    [Theory]
    [InlineData("""{"type": "http_request", "method": "FETCH", "url": "https://example.com"}""", "steps[0].method")]
    [InlineData("""{"type": "http_request", "url": "/relative"}""", "steps[0].url")]
    [InlineData("""{"type": "http_request", "url": "ftp://example.com/x"}""", "steps[0].url")]
    [InlineData("""{"type": "http_request", "url": "https://example.com/{{ record.id "}""", "steps[0].url")]
    [InlineData("""{"type": "http_request", "url": "https://example.com", "headers": {"webhook-signature": "x"}}""", "steps[0].headers.webhook-signature")]
    [InlineData("""{"type": "http_request", "url": "https://example.com", "headers": {"Idempotency-Key": "x"}}""", "steps[0].headers.Idempotency-Key")]
    [InlineData("""{"type": "http_request", "url": "https://example.com", "headers": {"bad name": "x"}}""", "steps[0].headers.bad name")]
    [InlineData("""{"type": "http_request", "url": "https://example.com", "body": {"a": "{{ x "}}""", "steps[0].body.a")]
    public void HttpRequest_NamesWhatIsWrong(string step, string key)
    {
        var errors = Errors(new HttpRequestStep(Templates, null!, TimeProvider.System), step);

        Assert.True(errors.ContainsKey(key), string.Join("; ", errors.Keys));
    }

    [Fact]
    public void HttpRequest_Passes_WithATemplatedUrlAndHeaders()
    {
        var errors = Errors(new HttpRequestStep(Templates, null!, TimeProvider.System),
            """{"type": "http_request", "method": "PUT", "url": "{{ record.website }}/hook", "headers": {"x-k": "{{ record.id }}"}, "body": "{{ record.email }}"}""");

        Assert.Empty(errors);
    }

    [Fact]
    public void If_NeedsConditions()
    {
        var errors = Errors(new IfStep(), """{"type": "if", "conditions": [], "then": []}""");

        Assert.True(errors.ContainsKey("steps[0].conditions"));
    }

    [Fact]
    public void If_NamesTheBadCondition()
    {
        var errors = Errors(new IfStep(), """{"type": "if", "conditions": [{"field": "email", "op": "sounds_like", "value": "x"}], "then": []}""");

        Assert.Contains(errors.Keys, k => k.StartsWith("steps[0].conditions[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void PublishEvent_RefusesRecordEventsAndUnknownTypes_AndAcceptsPublishableOnes()
    {
        var step = new PublishEventStep(Templates);

        Assert.True(Errors(step, """{"type": "publish_event", "event": "contact.created", "data": {}}""").ContainsKey("steps[0].event"));
        Assert.True(Errors(step, """{"type": "publish_event", "event": "no.such_event", "data": {}}""").ContainsKey("steps[0].event"));
        Assert.True(Errors(step, """{"type": "publish_event", "event": "invoice.paid", "data": "x"}""").ContainsKey("steps[0].data"));
        Assert.Empty(Errors(step, """{"type": "publish_event", "event": "invoice.paid", "data": {"invoice_id": "{{ record.id }}"}}"""));
    }

    [Theory]
    [InlineData("""{"type": "delay", "duration": "PT15M"}""", true)]
    [InlineData("""{"type": "delay", "duration": "2h"}""", true)]
    [InlineData("""{"type": "delay", "duration": "3d"}""", true)]
    [InlineData("""{"type": "delay", "duration": "366d"}""", false)]
    [InlineData("""{"type": "delay", "duration": "soon"}""", false)]
    [InlineData("""{"type": "delay", "until": "{{ record.close_date }}"}""", true)]
    [InlineData("""{"type": "delay", "until": "2026-12-24"}""", true)]
    [InlineData("""{"type": "delay", "until": "next tuesday"}""", false)]
    [InlineData("""{"type": "delay"}""", false)]
    [InlineData("""{"type": "delay", "duration": "1h", "until": "2026-12-24"}""", false)]
    public void Delay_AcceptsDurationsAndDates(string step, bool valid) =>
        Assert.Equal(valid, Errors(new DelayStep(Templates, TimeProvider.System), step).Count == 0);

    [Fact]
    public void AppAction_NeedsAConnectionAndAnAction()
    {
        var errors = Errors(new AppActionStep(Templates), """{"type": "app_action", "input": {"text": "{{ record.email }}"}}""");

        Assert.True(errors.ContainsKey("steps[0].connection_id"));
        Assert.True(errors.ContainsKey("steps[0].action"));
    }

    [Fact]
    public void SchedulePost_NeedsAConnectionAndText_AndParsesItsTemplates()
    {
        var errors = Errors(new SchedulePostStep(Templates), """{"type": "schedule_post", "link": "{{ record.website ", "publish_at": 5}""");

        Assert.Equal(["steps[0].connection_id", "steps[0].link", "steps[0].publish_at", "steps[0].text"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(Errors(new SchedulePostStep(Templates), """{"type": "schedule_post", "connection_id": "cxn_1", "text": "New: {{ record.name }}"}"""));
    }

    private static Dictionary<string, string[]> Errors(IStepType type, string step, string trigger = ContactCreated)
    {
        var json = JsonNode.Parse(step)!.AsObject();
        var definition = WorkflowJson.Read(new JsonObject { ["steps"] = new JsonArray(json) }).Steps[0];
        var checks = new StepChecks(WorkflowJson.ReadTrigger(JsonNode.Parse(trigger)!.AsObject()), Templates) { Path = "steps[0]" };
        type.Check(definition, checks);
        return checks.Errors;
    }
}
