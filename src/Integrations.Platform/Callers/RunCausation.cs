namespace Integrations.Platform.Callers;

/// <summary>Which workflow run made a change, and how deep in a chain of runs that run is (0 for one a person or
/// another system started), so matching can tell a workflow's own changes and stop loops.</summary>
public sealed record RunCausation(Guid RunId, Guid WorkflowId, int Depth);
