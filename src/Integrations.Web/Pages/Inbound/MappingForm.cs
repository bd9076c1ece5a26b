using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Inbound.Mapping;

namespace Integrations.Web.Pages.Inbound;

/// <summary>A mapping as form rows (target ← JSON path or fixed value), with at most one linked record; blank rows are dropped.</summary>
internal sealed class MappingForm
{
    public string Object { get; set; } = "contact";
    public List<FieldRow> Fields { get; set; } = [];
    public string UpsertBy { get; set; } = UpsertKey.None;
    public string? UpsertPath { get; set; }

    /// <summary>The reference field the linked record fills (e.g. <c>contact_id</c>); blank means no linked record.</summary>
    public string? LinkField { get; set; }
    public MappingForm? Link { get; set; }

    public void Compact()
    {
        Fields.RemoveAll(f => string.IsNullOrWhiteSpace(f.Target) && string.IsNullOrWhiteSpace(f.Expression));
        Link?.Compact();
    }

    public RecordMapping ToMapping() => new()
    {
        Object = Object,
        Fields = Fields.Select(f => f.ToRule()).ToList(),
        Upsert = new UpsertKey { By = UpsertBy, Path = UpsertBy is UpsertKey.Id or UpsertKey.ExternalId ? UpsertPath?.Trim() : null },
        Links = Link is not null && !string.IsNullOrWhiteSpace(LinkField)
            ? [new LinkedMapping { Field = LinkField.Trim(), Mapping = Link.ToMapping() }]
            : [],
    };

    public static MappingForm From(RecordMapping mapping) => new()
    {
        Object = mapping.Object,
        Fields = mapping.Fields.Select(FieldRow.From).ToList(),
        UpsertBy = mapping.Upsert.By,
        UpsertPath = mapping.Upsert.Path,
        LinkField = mapping.Links is [var first, ..] ? first.Field : null,
        Link = mapping.Links is [var link, ..] ? From(link.Mapping) : null,
    };
}

internal sealed class FieldRow
{
    public const string PathKind = "path";
    public const string ValueKind = "value";

    public string? Target { get; set; }
    public string Kind { get; set; } = PathKind;
    public string? Expression { get; set; }
    public bool Optional { get; set; }

    public FieldRule ToRule() => Kind == ValueKind
        ? new FieldRule { Field = Target?.Trim() ?? "", Value = Fixed(Expression ?? ""), Optional = Optional }
        : new FieldRule { Field = Target?.Trim() ?? "", Path = string.IsNullOrWhiteSpace(Expression) ? null : Expression.Trim(), Optional = Optional };

    public static FieldRow From(FieldRule rule) => new()
    {
        Target = rule.Field,
        Kind = rule.Path is null ? ValueKind : PathKind,
        Expression = rule.Path ?? (rule.Value is JsonValue value && value.TryGetValue<string>(out var text) ? text : rule.Value?.ToJsonString()),
        Optional = rule.Optional,
    };

    /// <summary>Numbers, true and false as themselves; anything else as the text typed.</summary>
    private static JsonNode Fixed(string typed)
    {
        try
        {
            return JsonNode.Parse(typed) is JsonValue { } value && value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                ? value
                : JsonValue.Create(typed);
        }
        catch (JsonException)
        {
            return JsonValue.Create(typed);
        }
    }
}
