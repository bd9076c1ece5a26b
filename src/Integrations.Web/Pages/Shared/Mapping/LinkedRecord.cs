namespace Integrations.Web.Pages.Shared.Mapping;

/// <summary>A record written before the main one, whose id fills the main record's reference <see cref="Field"/>;
/// a blank field removes it.</summary>
internal sealed class LinkedRecord
{
    public string? Field { get; set; }
    public MappingForm Mapping { get; set; } = new();
}
