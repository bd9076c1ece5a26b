using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Crm.Schema;

namespace Integrations.Crm.Pipeline;

/// <summary>One command on its way through the pipeline: what was given, what is stored, what it becomes.</summary>
internal sealed class RecordDraft
{
    private static readonly HashSet<string> ReadOnly = ["id", "object", "created_at", "updated_at"];
    private const int MaxCustomFields = 100;

    private RecordDraft(RecordType type, int index, RecordCommand command)
    {
        Type = type;
        Index = index;
        Command = command;
        // Sized once: an import builds these for every row, and growing a dictionary copies it. A new record's values
        // are the given ones with defaults added, so they start as the same dictionary and object (MergeInto replaces
        // them for an existing record).
        Given = new Dictionary<string, object?>(type.Fields.Count);
        After = Given;
        AfterCustom = GivenCustom;
        Changed = new List<string>(type.Fields.Count);
    }

    public RecordType Type { get; }
    public int Index { get; }
    public RecordCommand Command { get; }
    public Dictionary<string, object?> Given { get; }
    public JsonObject GivenCustom { get; } = [];
    public List<FieldError> Errors { get; } = [];
    public RecordErrorKind? ErrorKind { get; private set; }

    public Guid Id { get; set; }
    public StoredRecord? Before { get; set; }
    public Dictionary<string, object?> After { get; private set; }
    public JsonObject AfterCustom { get; private set; }
    public RecordChange? Change { get; set; }
    public List<string> Changed { get; }

    public bool Failed => ErrorKind is not null;

    public object? GivenKey => Type.NaturalKey is { } key ? Given.GetValueOrDefault(key) : null;

    public void Fail(RecordErrorKind kind, string field, string message)
    {
        ErrorKind = ErrorKind is { } current && current > kind ? current : kind;
        Errors.Add(new FieldError(field, message));
    }

    /// <summary>Parses the given fields; unknown fields and bad values become errors naming the field.</summary>
    public static RecordDraft Parse(RecordType type, int index, RecordCommand command)
    {
        var draft = new RecordDraft(type, index, command);
        var fields = command.Fields ?? [];
        for (var i = 0; i < fields.Count; i++)
        {
            var (name, node) = fields.GetAt(i);
            if (name == "custom_fields")
            {
                draft.ParseCustom(node);
            }
            else if (type.Field(name) is { } field)
            {
                if (FieldParser.TryParse(field, node, out var value, out var error))
                {
                    draft.Given[name] = value;
                }
                else
                {
                    draft.Fail(RecordErrorKind.Invalid, name, error!);
                }
            }
            else if (!ReadOnly.Contains(name))
            {
                draft.Fail(RecordErrorKind.Invalid, name,
                    $"{type.Name} has no field '{name}'. Fields: {string.Join(", ", type.Fields.Select(f => f.Name))}; "
                    + "anything else belongs in custom_fields.");
            }
        }

        return draft;
    }

    /// <summary>A new record: defaults, then what was given.</summary>
    public void BecomeNew(Guid id)
    {
        Id = id;
        Change = RecordChange.Created;
        // Index loops: a foreach over the interfaces would allocate an enumerator for every row of an import.
        for (var i = 0; i < Type.Fields.Count; i++)
        {
            var field = Type.Fields[i];
            if (!After.TryGetValue(field.Name, out var value))
            {
                After[field.Name] = value = field.Default;
            }

            if (value is not null)
            {
                Changed.Add(field.Name);
            }
        }

        for (var i = AfterCustom.Count - 1; i >= 0; i--)
        {
            if (AfterCustom.GetAt(i).Value is null)
            {
                AfterCustom.RemoveAt(i); // null removes a custom field from an existing record; a new one just lacks it
            }
        }

        for (var i = 0; i < AfterCustom.Count; i++)
        {
            Changed.Add("custom_fields." + AfterCustom.GetAt(i).Key);
        }
    }

    /// <summary>An existing record with the given fields laid over it; custom fields merge, null removes one.</summary>
    public void MergeInto(StoredRecord stored)
    {
        Id = stored.Id;
        Before = stored;
        After = new Dictionary<string, object?>(stored.Values);
        foreach (var (name, value) in Given)
        {
            if (!Equals(After[name], value))
            {
                After[name] = value;
                Changed.Add(name);
            }
        }

        AfterCustom = (JsonObject)stored.CustomFields.DeepClone();
        foreach (var (key, value) in GivenCustom)
        {
            var had = AfterCustom.TryGetPropertyValue(key, out var old);
            if (value is null ? !had : had && JsonNode.DeepEquals(old, value))
            {
                continue;
            }

            if (value is null)
            {
                AfterCustom.Remove(key);
            }
            else
            {
                AfterCustom[key] = value.DeepClone();
            }

            Changed.Add("custom_fields." + key);
        }

        Change = Changed.Count == 0 ? RecordChange.Unchanged : RecordChange.Updated;
    }

    /// <summary>The record as this change leaves it (as it was, for a delete).</summary>
    public StoredRecord Snapshot(DateTimeOffset now) => Change switch
    {
        RecordChange.Deleted or RecordChange.Unchanged => Before!,
        RecordChange.Created => new StoredRecord(Id, After, AfterCustom, now, now),
        _ => new StoredRecord(Id, After, AfterCustom, Before!.CreatedAt, now),
    };

    /// <summary>Required fields and the type's "at least one of" rule, on the record as it would be stored.</summary>
    public void CheckComplete()
    {
        // Loops rather than LINQ: this runs for every row of an import.
        for (var i = 0; i < Type.Fields.Count; i++)
        {
            if (Type.Fields[i] is { Required: true } field && After.GetValueOrDefault(field.Name) is null)
            {
                Fail(RecordErrorKind.Invalid, field.Name, $"{field.Name} is required.");
            }
        }

        var oneOfGiven = Type.RequireOneOf.Count == 0;
        for (var i = 0; i < Type.RequireOneOf.Count && !oneOfGiven; i++)
        {
            oneOfGiven = After.GetValueOrDefault(Type.RequireOneOf[i]) is not null;
        }

        if (!oneOfGiven)
        {
            Fail(RecordErrorKind.Invalid, Type.RequireOneOf[0],
                $"A {Type.Name} needs at least one of: {string.Join(", ", Type.RequireOneOf)}.");
        }
    }

    private void ParseCustom(JsonNode? node)
    {
        if (node is not JsonObject custom)
        {
            Fail(RecordErrorKind.Invalid, "custom_fields", "custom_fields must be an object of names to values.");
            return;
        }

        if (custom.Count > MaxCustomFields)
        {
            Fail(RecordErrorKind.Invalid, "custom_fields", $"custom_fields may hold at most {MaxCustomFields} values.");
            return;
        }

        foreach (var (key, value) in custom)
        {
            if (key.Length is 0 or > 100 || key.Contains('\0'))
            {
                Fail(RecordErrorKind.Invalid, "custom_fields", "Custom field names must be 1 to 100 characters long, without NUL characters.");
            }
            else if (value is not null and not JsonValue)
            {
                Fail(RecordErrorKind.Invalid, $"custom_fields.{key}", $"custom_fields.{key} must be a single value.");
            }
            else if (value is JsonValue text && text.GetValueKind() is JsonValueKind.String
                     && (text.GetValue<string>() is { Length: > 2000 }
                         ? $"custom_fields.{key} is longer than 2000 characters."
                         : FieldParser.NulError($"custom_fields.{key}", text.GetValue<string>())) is { } problem)
            {
                Fail(RecordErrorKind.Invalid, $"custom_fields.{key}", problem);
            }
            else
            {
                GivenCustom[key] = value?.DeepClone();
            }
        }
    }
}
