namespace Integrations.Automation.Builder;

/// <summary>A kind of trigger as the builder's picker offers it; <see cref="IsRecord"/> ones name an object.</summary>
public sealed record TriggerTypeInfo(string Type, string Label, bool IsRecord);

/// <summary>A condition operator; a <see cref="Unary"/> one compares with no value.</summary>
public sealed record ConditionOpInfo(string Op, string Label, bool Unary);
