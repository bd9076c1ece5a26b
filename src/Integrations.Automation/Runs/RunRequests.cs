using System.Text.Json.Nodes;

namespace Integrations.Automation.Runs;

/// <summary><c>POST /api/v1/workflows/{id}/run</c>: the record to run on.</summary>
internal sealed record ManualRunRequest(string? RecordId);

/// <summary><c>POST /api/v1/workflows/test</c>: an unsaved workflow's JSON and the record to try it on.</summary>
internal sealed record TestRunRequest(JsonObject? Workflow, string? RecordId);

/// <summary>What a test run shows of one step: its rendered input, and its output when it was safe to run it.</summary>
internal sealed record TestStepView(string Id, string Type, JsonObject? Input, bool Executed, JsonObject? Output, string? Error, string? Branch);

internal sealed record TestRunView(IReadOnlyList<TestStepView> Steps);
