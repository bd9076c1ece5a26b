using Integrations.Platform.Events;

namespace Integrations.Crm.Schema;

/// <summary>
/// Describes one CRM object: its public name and id prefix, its table, its fields, and the field that identifies a
/// record naturally (unique per workspace, the default upsert key). Validation, SQL, the API and the admin forms
/// are all driven from this description.
/// </summary>
public sealed record RecordType(string Name, string Label, string PluralLabel, string Prefix, string Table)
{
    public required IReadOnlyList<RecordField> Fields { get; init; }

    /// <summary>The unique natural key (<c>email</c>, <c>domain</c>, <c>sku</c>), or null.</summary>
    public string? NaturalKey { get; init; }

    /// <summary>Fields unique together per workspace when the last has a value (an activity's <c>connection_id</c> and
    /// <c>external_id</c>); a duplicate is a conflict naming the last.</summary>
    public IReadOnlyList<string> UniqueTogether { get; init; } = [];

    /// <summary>At least one of these must have a value (e.g. a contact needs an email or a name).</summary>
    public IReadOnlyList<string> RequireOneOf { get; init; } = [];

    /// <summary>Per-object <c>{object}.created</c> / <c>.updated</c> events, stored instead of the generic <c>record.*</c> ones.</summary>
    public IReadOnlyList<EventType> ObjectEvents { get; init; } = [];

    /// <remarks>A loop, not LINQ: an import looks up every field of every row, and a lambda and enumerator for each
    /// lookup were a fifth of what an import allocated.</remarks>
    public RecordField? Field(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Name == name)
            {
                return Fields[i];
            }
        }

        return null;
    }

    public required string ReadScope { get; init; }
    public required string WriteScope { get; init; }
    public required string DeleteScope { get; init; }
}
