using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;

namespace Integrations.Crm.Pipeline;

/// <summary>The wire shape of a record, shared by the API, events and the admin pages.</summary>
internal static class RecordJson
{
    public static JsonObject From(RecordType type, StoredRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, type, record);
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    /// <summary>Writes the record straight to JSON: events and audit entries of a large batch never build a node tree.</summary>
    public static void Write(Utf8JsonWriter writer, RecordType type, StoredRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("id", PublicId.Format(type.Prefix, record.Id));
        writer.WriteString("object", type.Name);
        for (var i = 0; i < type.Fields.Count; i++)
        {
            var field = type.Fields[i];
            writer.WritePropertyName(field.Name);
            WriteValue(writer, field, record.Values.GetValueOrDefault(field.Name));
        }

        writer.WritePropertyName("custom_fields");
        record.CustomFields.WriteTo(writer);
        WriteTimestamp(writer, "created_at", record.CreatedAt);
        WriteTimestamp(writer, "updated_at", record.UpdatedAt);
        writer.WriteEndObject();
    }

    /// <summary>The same text as <c>ToUniversalTime().ToString("O")</c>, formatted on the stack (twice per record of an import).</summary>
    private static void WriteTimestamp(Utf8JsonWriter writer, string name, DateTimeOffset value)
    {
        writer.WritePropertyName(name);
        WriteMoment(writer, value);
    }

    private static void WriteMoment(Utf8JsonWriter writer, DateTimeOffset value)
    {
        Span<char> text = stackalloc char[64];
        if (!value.ToUniversalTime().TryFormat(text, out var written, "O", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A timestamp did not fit its buffer.");
        }

        writer.WriteStringValue(text[..written]);
    }

    public static JsonNode? Value(RecordField field, object? value) => value switch
    {
        null => null,
        Guid id => JsonValue.Create(PublicId.Format(RecordTypes.Get(field.RefersTo!).Prefix, id)),
        DateOnly date => JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTimeOffset moment => JsonValue.Create(moment.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
        ParticipantList participants => participants.ToArray(),
        decimal number => JsonValue.Create(number),
        bool flag => JsonValue.Create(flag),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>The same value as <see cref="Value"/>, written without a node.</summary>
    public static void WriteValue(Utf8JsonWriter writer, RecordField field, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case Guid id:
                writer.WriteStringValue(PublicId.Format(RecordTypes.Get(field.RefersTo!).Prefix, id));
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset moment:
                WriteMoment(writer, moment);
                break;
            case ParticipantList participants:
                writer.WriteRawValue(participants.Json, skipInputValidation: true);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}
