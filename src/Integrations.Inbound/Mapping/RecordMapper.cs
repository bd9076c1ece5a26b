using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Newtonsoft.Json.Linq;

namespace Integrations.Inbound.Mapping;

/// <summary>Applies a (checked) mapping to one JSON document. Value parsing is left to the record pipeline.</summary>
internal static class RecordMapper
{
    public static MappedRecord Map(RecordMapping mapping, JToken document)
    {
        var mapped = new MappedRecord(RecordTypes.Get(mapping.Object), mapping);
        foreach (var rule in mapping.Fields)
        {
            if (Value(rule, document, mapped.Errors, out var value))
            {
                Set(mapped.Fields, rule.Field.Trim(), value);
            }
        }

        mapped.Key = Key(mapped, document);
        foreach (var link in mapping.Links)
        {
            mapped.Links.Add((link, Map(link.Mapping, document)));
        }

        return mapped;
    }

    private static bool Value(FieldRule rule, JToken document, List<FieldError> errors, out JsonNode? value)
    {
        value = rule.Value?.DeepClone();
        if (rule.Path is null)
        {
            return true;
        }

        if (!JsonDocumentReader.TrySelect(document, rule.Path, out var token, out var error))
        {
            errors.Add(new FieldError(rule.Field, error!));
            return false;
        }

        if (token is null)
        {
            if (!rule.Optional)
            {
                errors.Add(new FieldError(rule.Field, $"{rule.Field} is mapped from {rule.Path}, which is not in the payload."));
            }

            return false;
        }

        value = JsonDocumentReader.ToNode(token);
        return true;
    }

    private static void Set(JsonObject fields, string target, JsonNode? value)
    {
        if (!target.StartsWith(MappingRules.CustomPrefix, StringComparison.Ordinal))
        {
            fields[target] = value;
            return;
        }

        if (fields["custom_fields"] is not JsonObject custom)
        {
            fields["custom_fields"] = custom = [];
        }

        custom[target[MappingRules.CustomPrefix.Length..]] = value;
    }

    private static string? Key(MappedRecord mapped, JToken document)
    {
        var upsert = mapped.Mapping.Upsert;
        string? key;
        string source;
        switch (upsert.By)
        {
            case UpsertKey.None:
                return null;
            case UpsertKey.Id or UpsertKey.ExternalId:
                JsonDocumentReader.TrySelect(document, upsert.Path!, out var token, out _);
                key = JsonDocumentReader.ToText(token);
                source = upsert.Path!;
                break;
            default:
                key = mapped.Fields[upsert.By] is JsonValue value
                    ? (value.TryGetValue<string>(out var text) ? text.Trim() : value.ToJsonString()) is { Length: > 0 } given ? given : null
                    : null;
                source = $"{upsert.By} (its mapped value)";
                break;
        }

        if (key is null)
        {
            mapped.Errors.Add(new FieldError(upsert.By is UpsertKey.Id or UpsertKey.ExternalId ? "upsert" : upsert.By,
                $"Records are matched by {upsert.By}, but the payload has no value at {source}."));
        }

        return key;
    }
}
