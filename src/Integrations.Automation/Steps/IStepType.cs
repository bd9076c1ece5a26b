using Integrations.Automation.Definitions;

namespace Integrations.Automation.Steps;

/// <summary>
/// One kind of step (<c>update_record</c>, <c>app_action</c>, <c>delay</c>…): its input fields (what the builder page
/// and <c>GET /api/v1/workflows/step-types</c> show), its checks when a workflow is saved, and how it runs.
/// </summary>
internal interface IStepType
{
    string Type { get; }
    string Title { get; }
    string Description { get; }
    IReadOnlyList<StepField> Fields { get; }

    /// <summary>Whether a test run may really run it; when false a test run shows its rendered input and does nothing.</summary>
    bool SafeToDryRun { get; }

    /// <summary>Adds what is wrong with <paramref name="step"/> to <paramref name="checks"/> (keys under the step's path).</summary>
    void Check(StepDefinition step, StepChecks checks);

    /// <summary>The checks that need the workspace's data (an <c>app_action</c>'s connection), after <see cref="Check"/>
    /// found nothing wrong with the step's shape; <paramref name="services"/> is the saving request's scope.</summary>
    Task CheckAsync(StepDefinition step, StepChecks checks, IServiceProvider services, CancellationToken ct) => Task.CompletedTask;

    Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct);
}
