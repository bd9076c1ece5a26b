namespace Integrations.Automation.Steps;

/// <summary>One input of a step type as the builder shows it: <see cref="Kind"/> is <c>text</c> (a template),
/// <c>fields</c> (record field → template), <c>object</c>, <c>connection</c>, <c>action</c>, <c>json</c>,
/// <c>duration</c>, <c>conditions</c> or <c>steps</c>.</summary>
internal sealed record StepField(string Name, string Kind, bool Required, string Description);
