using Integrations.Inbound.Mapping;

namespace Integrations.Web.Pages.Shared.Mapping;

/// <summary>One row of the mapping editor: a target field ← a JSON path, or a fixed value (<see cref="FixedValue"/>).</summary>
internal sealed class FieldRow
{
    public const string PathKind = "path";
    public const string ValueKind = "value";

    public string? Target { get; set; }
    public string Kind { get; set; } = PathKind;
    public string? Expression { get; set; }
    public bool Optional { get; set; }

    /// <summary>Neither a target nor a path or value: a spare row left empty, never an error.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Target) && string.IsNullOrWhiteSpace(Expression);

    public FieldRule ToRule() => Kind == ValueKind
        ? new FieldRule { Field = Target?.Trim() ?? "", Value = FixedValue.Read(Expression ?? ""), Optional = Optional }
        : new FieldRule { Field = Target?.Trim() ?? "", Path = string.IsNullOrWhiteSpace(Expression) ? null : Expression.Trim(), Optional = Optional };

    public static FieldRow From(FieldRule rule) => new()
    {
        Target = rule.Field,
        Kind = rule.Path is null ? ValueKind : PathKind,
        Expression = rule.Path ?? FixedValue.Show(rule.Value),
        Optional = rule.Optional,
    };
}
