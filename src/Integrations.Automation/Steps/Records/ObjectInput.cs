using Integrations.Crm.Schema;

namespace Integrations.Automation.Steps.Records;

/// <summary>A record step's <c>object</c>: one of the CRM objects, by name (not a template).</summary>
internal static class ObjectInput
{
    public static RecordType? Check(StepChecks checks, string? name)
    {
        if (RecordTypes.Find(name ?? "") is { } type)
        {
            return type;
        }

        checks.Add("object", $"object must be one of {string.Join(", ", RecordTypes.All.Select(t => t.Name))}.");
        return null;
    }
}
