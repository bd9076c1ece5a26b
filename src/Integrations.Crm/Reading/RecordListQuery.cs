namespace Integrations.Crm.Reading;

/// <param name="After">Cursor: the id of the last record of the previous page.</param>
/// <param name="Filters">Exact matches, field name → value as the field stores it.</param>
/// <param name="Search">Case-insensitive text search over the text fields.</param>
public sealed record RecordListQuery(
    int Limit = 50,
    Guid? After = null,
    DateTimeOffset? UpdatedSince = null,
    bool NewestFirst = false,
    IReadOnlyDictionary<string, object?>? Filters = null,
    string? Search = null);
