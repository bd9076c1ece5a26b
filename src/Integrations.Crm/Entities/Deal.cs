namespace Integrations.Crm.Entities;

internal sealed class Deal : CrmRecord
{
    public required string Name { get; set; }
    public decimal? Amount { get; set; }
    public string? Currency { get; set; }
    public required string Stage { get; set; }
    public DateOnly? CloseDate { get; set; }
    public Guid? AccountId { get; set; }
    public Guid? ContactId { get; set; }
}
