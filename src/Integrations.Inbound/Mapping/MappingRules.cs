using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;

namespace Integrations.Inbound.Mapping;

/// <summary>Checks a mapping before it is saved, so a delivery never meets a mapping that cannot work.</summary>
internal static class MappingRules
{
    public const string CustomPrefix = "custom_fields.";

    /// <summary>Every problem, each naming its place (<c>mapping.fields[2].path</c>); empty when the mapping is sound.</summary>
    public static IReadOnlyList<FieldError> Check(RecordMapping? mapping, string at = "mapping")
    {
        var errors = new List<FieldError>();
        if (mapping is null)
        {
            errors.Add(new FieldError(at, "A mapping is required."));
            return errors;
        }

        Check(mapping, at, nested: false, errors);
        return errors;
    }

    private static void Check(RecordMapping mapping, string at, bool nested, List<FieldError> errors)
    {
        // JSON may say null where the model says "never null"; name the member rather than fail later.
        if (HasNulls(mapping, at, errors))
        {
            return;
        }

        if (RecordTypes.Find(mapping.Object) is not { } type)
        {
            errors.Add(new FieldError($"{at}.object", $"'{mapping.Object}' is not an object; use contact, account, deal or product."));
            return;
        }

        if (mapping.Fields.Count == 0)
        {
            errors.Add(new FieldError($"{at}.fields", "Map at least one field."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < mapping.Fields.Count; i++)
        {
            CheckRule(type, mapping.Fields[i], $"{at}.fields[{i}]", seen, errors);
        }

        CheckUpsert(type, mapping.Upsert, seen, $"{at}.upsert", errors);
        if (nested && mapping.Links.Count > 0)
        {
            errors.Add(new FieldError($"{at}.links", "A linked record cannot link further records."));
            return;
        }

        for (var i = 0; i < mapping.Links.Count; i++)
        {
            var link = mapping.Links[i];
            var linkAt = $"{at}.links[{i}]";
            var field = type.Field(link.Field);
            if (field is not { Kind: FieldKind.Reference })
            {
                var references = type.Fields.Where(f => f.Kind == FieldKind.Reference).Select(f => f.Name).ToList();
                errors.Add(new FieldError($"{linkAt}.field", references.Count == 0
                    ? $"A {type.Name} refers to no other records."
                    : $"'{link.Field}' is not a reference of {type.Name}; use {string.Join(" or ", references)}."));
                continue;
            }

            if (!seen.Add(field.Name))
            {
                errors.Add(new FieldError($"{linkAt}.field", $"{field.Name} is mapped twice."));
            }

            if (RecordTypes.Find(link.Mapping.Object) is { } target && target.Name != field.RefersTo)
            {
                errors.Add(new FieldError($"{linkAt}.mapping.object", $"{field.Name} refers to a {field.RefersTo}, not a {target.Name}."));
            }

            Check(link.Mapping, $"{linkAt}.mapping", nested: true, errors);
        }
    }

    private static bool HasNulls(RecordMapping mapping, string at, List<FieldError> errors)
    {
        var before = errors.Count;
        Missing(mapping.Object, $"{at}.object", errors);
        Missing(mapping.Upsert, $"{at}.upsert", errors);
        if (!Missing(mapping.Fields, $"{at}.fields", errors))
        {
            for (var i = 0; i < mapping.Fields.Count; i++)
            {
                Missing(mapping.Fields[i]?.Field, $"{at}.fields[{i}].field", errors);
            }
        }

        if (!Missing(mapping.Links, $"{at}.links", errors))
        {
            for (var i = 0; i < mapping.Links.Count; i++)
            {
                Missing(mapping.Links[i]?.Field, $"{at}.links[{i}].field", errors);
                Missing(mapping.Links[i]?.Mapping, $"{at}.links[{i}].mapping", errors);
            }
        }

        return errors.Count > before;
    }

    private static bool Missing(object? member, string at, List<FieldError> errors)
    {
        if (member is null)
        {
            errors.Add(new FieldError(at, $"{at} must not be null."));
        }

        return member is null;
    }

    private static void CheckRule(RecordType type, FieldRule rule, string at, HashSet<string> seen, List<FieldError> errors)
    {
        var target = rule.Field.Trim();
        if (target.StartsWith(CustomPrefix, StringComparison.Ordinal))
        {
            if (target.Length == CustomPrefix.Length || target.Length > CustomPrefix.Length + 100)
            {
                errors.Add(new FieldError($"{at}.field", "A custom field name is 1 to 100 characters long."));
            }
        }
        else if (type.Field(target) is null)
        {
            errors.Add(new FieldError($"{at}.field",
                $"{type.Name} has no field '{target}'. Fields: {string.Join(", ", type.Fields.Select(f => f.Name))}; "
                + $"anything else maps to {CustomPrefix}<name>."));
        }

        if (!seen.Add(target))
        {
            errors.Add(new FieldError($"{at}.field", $"{target} is mapped twice."));
        }

        if (rule.Path is null == rule.Value is null)
        {
            errors.Add(new FieldError($"{at}.path", "Give either a JSON path or a fixed value."));
        }
        else if (rule.Path is not null && JsonDocumentReader.CheckPath(rule.Path) is { } pathError)
        {
            errors.Add(new FieldError($"{at}.path", pathError));
        }
    }

    private static void CheckUpsert(RecordType type, UpsertKey upsert, HashSet<string> mapped, string at, List<FieldError> errors)
    {
        switch (upsert.By)
        {
            case UpsertKey.None:
                return;
            case UpsertKey.Id or UpsertKey.ExternalId:
                if (JsonDocumentReader.CheckPath(upsert.Path) is { } pathError)
                {
                    errors.Add(new FieldError($"{at}.path", pathError));
                }

                return;
            default:
                if (type.NaturalKey is null || upsert.By != type.NaturalKey)
                {
                    var choices = new[] { UpsertKey.None, UpsertKey.Id, UpsertKey.ExternalId }
                        .Concat(type.NaturalKey is null ? [] : [type.NaturalKey]);
                    errors.Add(new FieldError($"{at}.by", $"A {type.Name} can be matched by {string.Join(", ", choices)}."));
                }
                else if (!mapped.Contains(upsert.By))
                {
                    errors.Add(new FieldError($"{at}.by", $"Records are matched by {upsert.By}, so {upsert.By} must be mapped."));
                }

                return;
        }
    }
}
