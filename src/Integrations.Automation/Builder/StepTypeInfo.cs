namespace Integrations.Automation.Builder;

/// <summary>A step type as the builder offers it: its inputs (<see cref="StepInputInfo.Kind"/> says how each is edited).</summary>
public sealed record StepTypeInfo(string Type, string Title, string Description, bool SafeToDryRun, IReadOnlyList<StepInputInfo> Fields);

/// <summary>One input of a step type: <c>text</c> (a template), <c>fields</c> (record field → template), <c>object</c>,
/// <c>connection</c>, <c>action</c>, <c>json</c>, <c>duration</c>, <c>conditions</c> or <c>steps</c>.</summary>
public sealed record StepInputInfo(string Name, string Kind, bool Required, string Description);
