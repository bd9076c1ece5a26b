using System.Text.Json.Nodes;
using Integrations.Crm.Schema;

namespace Integrations.Crm.Pipeline;

public static class RecordKeys
{
    /// <summary>A given natural key as the pipeline stores and matches it (an email lower-cased, a domain without
    /// scheme, path or <c>www.</c>); null when there is none or it would not parse.</summary>
    public static string? NaturalKey(RecordType type, JsonNode? given) =>
        type.NaturalKey is { } key && type.Field(key) is { } field && FieldParser.TryParse(field, given, out var value, out _)
            ? value as string
            : null;
}
