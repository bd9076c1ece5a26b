using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;

namespace Integrations.Crm.Pipeline;

/// <summary>The wire shape of a record, shared by the API, events and the admin pages.</summary>
internal static class RecordJson
{
    public static JsonObject From(RecordType type, StoredRecord record)
    {
        var json = new JsonObject
        {
            ["id"] = PublicId.Format(type.Prefix, record.Id),
            ["object"] = type.Name,
        };
        foreach (var field in type.Fields)
        {
            json[field.Name] = Value(field, record.Values.GetValueOrDefault(field.Name));
        }

        json["custom_fields"] = record.CustomFields.DeepClone();
        json["created_at"] = record.CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        json["updated_at"] = record.UpdatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        return json;
    }

    public static JsonNode? Value(RecordField field, object? value) => value switch
    {
        null => null,
        Guid id => JsonValue.Create(PublicId.Format(RecordTypes.Get(field.RefersTo!).Prefix, id)),
        DateOnly date => JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        decimal number => JsonValue.Create(number),
        bool flag => JsonValue.Create(flag),
        _ => JsonValue.Create(value.ToString()),
    };
}
