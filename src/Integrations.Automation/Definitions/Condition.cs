using System.Text.Json.Nodes;

namespace Integrations.Automation.Definitions;

/// <summary>
/// One condition: a comparison (<see cref="Field"/> <see cref="Op"/> <see cref="Value"/>), or a group whose
/// <see cref="Any"/> (OR) or <see cref="All"/> (AND) members must hold. A list of conditions is an AND.
/// </summary>
internal sealed record Condition
{
    public string? Field { get; init; }
    public string? Op { get; init; }
    public JsonNode? Value { get; init; }
    public IReadOnlyList<Condition>? Any { get; init; }
    public IReadOnlyList<Condition>? All { get; init; }

    public bool IsGroup => Any is not null || All is not null;
}

internal static class ConditionOps
{
    public const string EqualsTo = "equals";
    public const string NotEquals = "not_equals";
    public const string Contains = "contains";
    public const string NotContains = "not_contains";
    public const string StartsWith = "starts_with";
    public const string EndsWith = "ends_with";
    public const string GreaterThan = "greater_than";
    public const string LessThan = "less_than";
    public const string IsEmpty = "is_empty";
    public const string IsNotEmpty = "is_not_empty";
    public const string Changed = "changed";
    public const string ChangedTo = "changed_to";

    public static readonly IReadOnlyList<string> All =
        [EqualsTo, NotEquals, Contains, NotContains, StartsWith, EndsWith, GreaterThan, LessThan, IsEmpty, IsNotEmpty, Changed, ChangedTo];

    /// <summary>The operators that compare with nothing (no <c>value</c>).</summary>
    public static bool IsUnary(string op) => op is IsEmpty or IsNotEmpty or Changed;

    /// <summary>The deepest nesting of groups a workflow may have.</summary>
    public const int MaxDepth = 5;
}
