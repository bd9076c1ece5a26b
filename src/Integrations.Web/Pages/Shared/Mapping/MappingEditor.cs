namespace Integrations.Web.Pages.Shared.Mapping;

/// <summary>
/// What the mapping editor partials show: a <see cref="MappingForm"/> posted as <see cref="Name"/>, with the save's errors,
/// whose keys name the mapping's places (<c>mapping.fields[2].path</c>, <c>mapping.links[0].mapping.upsert.by</c>).
/// </summary>
/// <param name="Link">The linked record's index, for its rows; null for the main record.</param>
internal sealed record MappingEditor(
    string Name, MappingForm Mapping, IReadOnlyDictionary<string, string[]> Errors, string ErrorKey = "mapping", int? Link = null)
{
    /// <summary>Whether the page offers "Add a linked record" (its <c>AddLink</c> handler); a connected app's settings do not.</summary>
    public bool Links { get; init; } = true;

    /// <summary>Spare rows under the mapping's own; "Add field" adds more.</summary>
    public const int BlankRows = 2;

    public IEnumerable<(int Index, FieldRow Row)> Rows =>
        Mapping.Fields.Concat(Enumerable.Range(0, BlankRows).Select(_ => new FieldRow())).Select((row, i) => (i, row));

    public MappingEditor ForLink(int index) =>
        new($"{Name}.Links[{index}].Mapping", Mapping.Links[index].Mapping, Errors, $"{ErrorKey}.links[{index}].mapping", index) { Links = Links };

    /// <summary>The messages for one place under this mapping (<c>.upsert.by</c>, <c>.fields[0].path</c>), or null.</summary>
    public string? Error(string place) =>
        Errors.TryGetValue(ErrorKey + place, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>A row's accessible name; a linked record's rows say so, so no label is a prefix of another's.</summary>
    public string Label(string what, int index) =>
        Link is { } link ? $"Linked record {link + 1}, row {index + 1}: {what.ToLowerInvariant()}" : $"{what} {index + 1}";
}
