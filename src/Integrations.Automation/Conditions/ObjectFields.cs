using Integrations.Crm.Schema;

namespace Integrations.Automation.Conditions;

/// <summary>Which field names a CRM object has, for checking conditions and "only when these fields changed".</summary>
internal static class ObjectFields
{
    private static readonly HashSet<string> Always = ["id", "object", "created_at", "updated_at"];

    /// <summary>A field of the object (<c>email</c>, <c>custom_fields.tier</c>), not counting id and timestamps.</summary>
    public static bool IsField(RecordType type, string name) =>
        type.Field(name) is not null || (name.StartsWith("custom_fields.", StringComparison.Ordinal) && name.Length > "custom_fields.".Length);

    /// <summary>Anything a record of the object has that a condition can read, id and timestamps included.</summary>
    public static bool IsReadable(RecordType type, string name) => Always.Contains(name) || IsField(type, name);

    public static string Names(RecordType type) => string.Join(", ", type.Fields.Select(f => f.Name)) + ", custom_fields.<name>";
}
