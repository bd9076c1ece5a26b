namespace Integrations.Crm.Activities;

/// <summary>What became of one recorded activity: its id, and whether it is new (else updated or unchanged).</summary>
public sealed record RecordedActivity(string ExternalId, Guid Id, bool Created);
