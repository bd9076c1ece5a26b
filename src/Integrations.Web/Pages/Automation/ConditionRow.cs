namespace Integrations.Web.Pages.Automation;

/// <summary>One condition row of the builder: field, operator, value (empty for the operators that take none).</summary>
public sealed class ConditionRow
{
    public string? Field { get; set; }
    public string Op { get; set; } = "equals";
    public string? Value { get; set; }
}
