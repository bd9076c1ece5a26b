using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Runs;

namespace Integrations.Tests.Automation;

public sealed class StepFlowTests
{
    private static readonly StepFlow Flow = new(WorkflowJson.Read(JsonNode.Parse(
        """
        {"name": "x", "steps": [
          {"id": "a", "type": "update_record"},
          {"id": "check", "type": "if", "then": [{"id": "t1", "type": "http_request"}, {"id": "t2", "type": "update_record"}],
                                        "else": [{"id": "e1", "type": "update_record"}]},
          {"id": "z", "type": "update_record"}
        ]}
        """)!.AsObject()).Steps);

    [Fact]
    public void Next_GoesIntoTheBranchTaken_AndOnAfterTheIf_WhenTheBranchEnds()
    {
        Assert.Equal("a", Flow.First?.Id);
        Assert.Equal("check", Flow.Next(Flow.Find("a")!, null)?.Id);
        Assert.Equal("t1", Flow.Next(Flow.Find("check")!, true)?.Id);
        Assert.Equal("e1", Flow.Next(Flow.Find("check")!, false)?.Id);
        Assert.Equal("t2", Flow.Next(Flow.Find("t1")!, null)?.Id);
        Assert.Equal("z", Flow.Next(Flow.Find("t2")!, null)?.Id);
        Assert.Equal("z", Flow.Next(Flow.Find("e1")!, null)?.Id);
        Assert.Null(Flow.Next(Flow.Find("z")!, null));
    }

    [Fact]
    public void Find_IsNull_WhenTheVersionHasNoSuchStep() => Assert.Null(Flow.Find("gone"));
}
