using Integrations.Automation.Definitions;

namespace Integrations.Automation.Runs;

/// <summary>A version's parsed definition and the order of its steps.</summary>
internal sealed record CachedDefinition(WorkflowDefinition Definition, StepFlow Flow);
