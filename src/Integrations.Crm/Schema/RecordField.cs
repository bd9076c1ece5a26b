namespace Integrations.Crm.Schema;

/// <summary>One field of a record type: its API name (also its column), how it parses, and its rules.</summary>
public sealed record RecordField(string Name, string Label, FieldKind Kind)
{
    public int MaxLength { get; init; } = 255;
    public bool Required { get; init; }

    /// <summary>Value stored on create when the field is not given.</summary>
    public object? Default { get; init; }

    /// <summary>Canonical values of a <see cref="FieldKind.Choice"/> field, with their display labels.</summary>
    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>Target record type of a <see cref="FieldKind.Reference"/> field.</summary>
    public string? RefersTo { get; init; }

    public bool IsText => Kind is FieldKind.Text or FieldKind.Email or FieldKind.Phone or FieldKind.Url or FieldKind.Domain;
}

public sealed record Choice(string Value, string Label);
