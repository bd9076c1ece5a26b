using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Integrations.Inbound.Mapping;

/// <summary>
/// How one JSON document (an inbound webhook body, or one item a connector fetched) becomes a record: which object,
/// where each field comes from, how to find the record it updates, and any records it links to first (a Shopify
/// order's customer becomes the Contact its Deal points at). Stored as JSON on the source or connector.
/// </summary>
public sealed record RecordMapping
{
    /// <summary>The target object: contact, account, deal or product.</summary>
    [JsonPropertyName("object")]
    public string Object { get; init; } = "";

    [JsonPropertyName("fields")]
    public IReadOnlyList<FieldRule> Fields { get; init; } = [];

    [JsonPropertyName("upsert")]
    public UpsertKey Upsert { get; init; } = new();

    /// <summary>Records written first, whose ids fill a reference field of this one. One level deep.</summary>
    [JsonPropertyName("links")]
    public IReadOnlyList<LinkedMapping> Links { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RecordMapping FromJson(string json) =>
        JsonSerializer.Deserialize<RecordMapping>(json, Json) ?? throw new JsonException("A mapping cannot be null.");
}

/// <summary>
/// One target field and where its value comes from: a JSON path into the payload (<c>$.customer.email</c>,
/// <c>$.line_items[0].sku</c>) or a fixed value. Targets are the object's fields or <c>custom_fields.name</c>.
/// A path that finds nothing is an error unless the rule is optional (then the field is left as it is).
/// </summary>
public sealed record FieldRule
{
    [JsonPropertyName("field")]
    public string Field { get; init; } = "";

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("value")]
    public JsonNode? Value { get; init; }

    [JsonPropertyName("optional")]
    public bool Optional { get; init; }
}

/// <summary>How a mapped document finds the record it updates.</summary>
public sealed record UpsertKey
{
    /// <summary>Always create a new record.</summary>
    public const string None = "none";

    /// <summary>The payload carries our public id (<c>con_…</c>) at <see cref="Path"/>.</summary>
    public const string Id = "id";

    /// <summary>The payload carries the other system's id at <see cref="Path"/>; which record it became is remembered
    /// per source or connector, so the next delivery about it updates the same record.</summary>
    public const string ExternalId = "external_id";

    /// <summary><see cref="None"/>, <see cref="Id"/>, <see cref="ExternalId"/>, or the object's natural key field
    /// (contact <c>email</c>, account <c>domain</c>, product <c>sku</c>) as mapped.</summary>
    [JsonPropertyName("by")]
    public string By { get; init; } = None;

    [JsonPropertyName("path")]
    public string? Path { get; init; }
}

/// <summary>A record to write before the main one; its id goes into the main record's <see cref="Field"/>.</summary>
public sealed record LinkedMapping
{
    /// <summary>The reference field on the main record, e.g. a deal's <c>contact_id</c>.</summary>
    [JsonPropertyName("field")]
    public string Field { get; init; } = "";

    [JsonPropertyName("mapping")]
    public RecordMapping Mapping { get; init; } = new();
}
