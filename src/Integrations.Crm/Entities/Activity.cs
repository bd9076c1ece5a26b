namespace Integrations.Crm.Entities;

internal sealed class Activity : CrmRecord
{
    public required string Kind { get; set; }
    public string? Subject { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? Direction { get; set; }
    public string? Channel { get; set; }
    public string? Body { get; set; }
    public string? ConnectionId { get; set; }
    public string? ExternalId { get; set; }
    public string? ThreadId { get; set; }
    public string? Participants { get; set; }
    public Guid? ContactId { get; set; }
    public Guid? AccountId { get; set; }
    public Guid? DealId { get; set; }
}
