using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Crm.Schema;

namespace Integrations.Crm.Pipeline;

/// <summary>
/// The stored value of a <see cref="FieldKind.Participants"/> field: its JSON in one canonical form (properties in a
/// fixed order, no nulls), so that two equal lists are equal strings and a re-sync that changes nothing is
/// <see cref="RecordChange.Unchanged"/>. jsonb reorders properties, so what is read back is brought to this form too.
/// </summary>
internal sealed record ParticipantList(string Json)
{
    public const int MaxEntries = 200;
    public const int MaxNameLength = 200;
    public static readonly string[] Roles = ["from", "to", "cc", "bcc", "attendee", "organizer"];
    private static readonly string[] Properties = ["role", "email", "phone", "name", "contact_id"];

    public static readonly ParticipantList Empty = new("[]");

    public JsonArray ToArray() => JsonNode.Parse(Json)!.AsArray();

    /// <summary>What the database holds, in the canonical form.</summary>
    public static ParticipantList FromStored(string json) =>
        From(JsonNode.Parse(json)!.AsArray().Select(p => p!.AsObject()));

    /// <summary>Entries already checked (by <see cref="TryParse"/> or the activity writer), written canonically.</summary>
    public static ParticipantList From(IEnumerable<JsonObject> entries)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var entry in entries)
            {
                writer.WriteStartObject();
                foreach (var name in Properties)
                {
                    if (entry[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        writer.WriteString(name, value.GetValue<string>());
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return new ParticipantList(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>Checks a given list: an array of at most <see cref="MaxEntries"/> objects, each with a known role and a
    /// valid email or phone. A string holding such an array is taken too (files and forms have no types).</summary>
    public static string? TryParse(RecordField field, JsonNode node, out ParticipantList? value)
    {
        value = null;
        if (node is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                node = JsonNode.Parse(text.GetValue<string>())!;
            }
            catch (JsonException)
            {
                return $"{field.Name} must be a JSON array of participants like [{{\"role\": \"from\", \"email\": \"ada@example.com\"}}].";
            }
        }

        if (node is not JsonArray array)
        {
            return $"{field.Name} must be an array of participants like [{{\"role\": \"from\", \"email\": \"ada@example.com\"}}].";
        }

        if (array.Count > MaxEntries)
        {
            return $"{field.Name} holds {array.Count} participants; the most is {MaxEntries}.";
        }

        var entries = new List<JsonObject>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (Entry(field.Name, i, array[i], out var entry) is { } error)
            {
                return error;
            }

            entries.Add(entry!);
        }

        value = From(entries);
        return null;
    }

    private static string? Entry(string name, int index, JsonNode? node, out JsonObject? entry)
    {
        entry = null;
        var at = $"{name}[{index}]";
        if (node is not JsonObject given)
        {
            return $"{at} must be an object with a role and an email or phone.";
        }

        var parsed = new JsonObject();
        foreach (var (key, value) in given)
        {
            if (!Properties.Contains(key))
            {
                return $"{at} has no property '{key}'. Properties: {string.Join(", ", Properties)}.";
            }

            if (value is null)
            {
                continue;
            }

            if (value is not JsonValue scalar || scalar.GetValueKind() != JsonValueKind.String)
            {
                return $"{at}.{key} must be a string.";
            }

            var text = scalar.GetValue<string>().Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (Check(key, text, out var stored) is { } problem)
            {
                return $"{at}.{problem}";
            }

            parsed[key] = stored;
        }

        if (parsed["role"] is null)
        {
            return $"{at}.role is required: one of {string.Join(", ", Roles)}.";
        }

        if (parsed["email"] is null && parsed["phone"] is null)
        {
            return $"{at} needs an email or a phone.";
        }

        entry = parsed;
        return null;
    }

    /// <summary>One property's value as stored, or the problem with it (starting with the property's name).</summary>
    private static string? Check(string key, string text, out string stored)
    {
        stored = text;
        switch (key)
        {
            case "role":
                stored = text.ToLowerInvariant();
                return Roles.Contains(stored) ? null : $"role '{text}' is not one of: {string.Join(", ", Roles)}.";
            case "email" or "phone" or "contact_id":
                var field = key == "contact_id" ? RecordTypes.Activity.Field(key)! : RecordTypes.Contact.Field(key)!;
                if (!FieldParser.TryParse(field, JsonValue.Create(text), out var value, out var error))
                {
                    return error;
                }

                stored = value is Guid id ? RecordJson.Value(field, id)!.GetValue<string>() : (string)value!;
                return null;
            default:
                return FieldParser.NulError(key, text)
                    ?? (text.Length > MaxNameLength ? $"name is {text.Length} characters long; the most is {MaxNameLength}." : null);
        }
    }
}
