using System.Text.Json.Nodes;

namespace Integrations.Automation.Definitions;

/// <summary>
/// One step: its <see cref="Id"/> (unique in the workflow; later steps read its output as <c>steps.{id}</c>), its
/// <see cref="Type"/> (a <c>Steps/</c> class), and the rest of its JSON (<see cref="Json"/>), which the step type reads.
/// An <c>if</c> step holds its branches' steps in <see cref="Then"/> and <see cref="Else"/>.
/// </summary>
internal sealed record StepDefinition(string Id, string Type, JsonObject Json)
{
    public IReadOnlyList<Condition> Conditions { get; init; } = [];
    public IReadOnlyList<StepDefinition> Then { get; init; } = [];
    public IReadOnlyList<StepDefinition> Else { get; init; } = [];
}
