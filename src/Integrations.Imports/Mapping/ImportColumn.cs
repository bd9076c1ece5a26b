namespace Integrations.Imports.Mapping;

/// <summary>One column of the file: its position, its header as written, and where its values go — a field of
/// the record type, a custom field (unknown header), or nowhere (blank header).</summary>
internal sealed record ImportColumn(int Index, string Header, string? Field, string? CustomField)
{
    public bool IsCustom => CustomField is not null;
    public bool IsIgnored => Field is null && CustomField is null;

    /// <summary>The field holds an amount, whose decimal mark follows the file's convention.</summary>
    public bool IsAmount { get; init; }
}
