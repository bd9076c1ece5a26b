using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;

namespace Integrations.Automation.Steps;

/// <summary>What a step runs with: its definition, the run's data (<c>record</c>, <c>trigger</c>, <c>steps</c>…, the
/// templates' model), its attempt and idempotency key, and the run's scope for services.</summary>
internal sealed class StepContext
{
    public required StepDefinition Step { get; init; }
    public required JsonObject Data { get; init; }
    public required Guid RunId { get; init; }
    public required Guid WorkflowId { get; init; }
    public int Attempt { get; init; } = 1;
    public required string IdempotencyKey { get; init; }
    public bool DryRun { get; init; }
    public required IServiceProvider Services { get; init; }
}
