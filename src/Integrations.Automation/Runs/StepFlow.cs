using Integrations.Automation.Definitions;

namespace Integrations.Automation.Runs;

/// <summary>
/// The order of a workflow's steps, branches included: the first step, and what follows a step (an <c>if</c> goes into
/// the branch it picked; a branch's last step goes on after its <c>if</c>).
/// </summary>
internal sealed class StepFlow
{
    private readonly Dictionary<string, (StepDefinition Step, IReadOnlyList<StepDefinition> Siblings, int Index, StepDefinition? Parent)> places =
        new(StringComparer.Ordinal);

    public StepFlow(IReadOnlyList<StepDefinition> steps)
    {
        First = steps.Count > 0 ? steps[0] : null;
        Add(steps, null);
    }

    public StepDefinition? First { get; }

    public StepDefinition? Find(string id) => places.TryGetValue(id, out var place) ? place.Step : null;

    /// <summary>The step after <paramref name="step"/>; for an <c>if</c>, into <paramref name="branch"/> (true: then).</summary>
    public StepDefinition? Next(StepDefinition step, bool? branch)
    {
        if (branch is { } taken && (taken ? step.Then : step.Else) is { Count: > 0 } inside)
        {
            return inside[0];
        }

        for (var current = step; current is not null;)
        {
            var place = places[current.Id];
            if (place.Index + 1 < place.Siblings.Count)
            {
                return place.Siblings[place.Index + 1];
            }

            current = place.Parent;
        }

        return null;
    }

    private void Add(IReadOnlyList<StepDefinition> steps, StepDefinition? parent)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            places.TryAdd(steps[i].Id, (steps[i], steps, i, parent));
            Add(steps[i].Then, steps[i]);
            Add(steps[i].Else, steps[i]);
        }
    }
}
