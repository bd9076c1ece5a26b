namespace Integrations.Crm.Entities;

internal sealed class Product : CrmRecord
{
    public required string Name { get; set; }
    public string? Sku { get; set; }
    public decimal? Price { get; set; }
    public string? Currency { get; set; }
    public string? Description { get; set; }
    public bool Active { get; set; }
}
