namespace Integrations.Crm.Activities;

/// <summary>What became of one recorded activity: its id, whether it is new, and whether it was new or changed (false
/// when recording it again found it as it was).</summary>
public sealed record RecordedActivity(string ExternalId, Guid Id, bool Created, bool Changed = true);
