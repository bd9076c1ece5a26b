namespace Integrations.Web.Pages.Automation;

/// <summary>One step card of the builder: its id, its type, and its inputs as typed, by the step type's field names
/// (<see cref="Values"/>) and, for an app action, by the action's input names (<see cref="Input"/>). What the builder has
/// no input for stays in <see cref="Extra"/> (JSON), so saving from the builder loses nothing.</summary>
public sealed class StepCard
{
    public string? Id { get; set; }
    public string Type { get; set; } = "";
    public Dictionary<string, string?> Values { get; set; } = [];
    public Dictionary<string, string?> Input { get; set; } = [];
    public string? Extra { get; set; }

    public string? Value(string name) => Values.GetValueOrDefault(name);
}
