using System.Text.Json.Nodes;
using Integrations.Automation.Templates;

namespace Integrations.Tests.Automation;

public sealed class TemplateTests
{
    private readonly WorkflowTemplates templates = new();

    [Fact]
    public async Task Render_ReadsRecordAndStepOutputs()
    {
        var model = JsonNode.Parse("""{"record":{"email":"ana@vip.test","amount":1200.5,"tags":["a","b"]},"steps":{"meeting":{"join_url":"https://zoom.test/j/1"}}}""")!.AsObject();

        var text = await templates.RenderAsync("Hi {{ record.email }} {{ record.amount }} {{ record.tags | join: ',' }} {{ steps.meeting.join_url }}", model);

        Assert.Equal("Hi ana@vip.test 1200.5 a,b https://zoom.test/j/1", text);
    }

    [Fact]
    public void Check_NamesTheError_WhenTheTemplateDoesNotParse()
    {
        Assert.NotNull(templates.Check("{{ record.email "));
        Assert.NotNull(templates.Check("{% include 'x' %}"));
        Assert.Null(templates.Check("{{ record.email | upcase }}"));
        Assert.Null(templates.Check("no tags at all"));
    }

    [Fact]
    public async Task Render_StopsARunawayLoop()
    {
        var model = new JsonObject();

        await Assert.ThrowsAnyAsync<Exception>(async () =>
            await templates.RenderAsync("{% for i in (1..100000) %}{% for j in (1..1000) %}x{% endfor %}{% endfor %}", model));
    }
}
