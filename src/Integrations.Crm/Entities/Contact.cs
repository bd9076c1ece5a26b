namespace Integrations.Crm.Entities;

internal sealed class Contact : CrmRecord
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? JobTitle { get; set; }
    public Guid? AccountId { get; set; }
}
