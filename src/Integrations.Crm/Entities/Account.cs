namespace Integrations.Crm.Entities;

internal sealed class Account : CrmRecord
{
    public required string Name { get; set; }
    public string? Domain { get; set; }
    public string? Industry { get; set; }
    public string? Website { get; set; }
}
