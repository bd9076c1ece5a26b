namespace Integrations.Crm.Activities;

/// <summary>What the inbox shows: email and message activities, narrowed by any of these (null: all).</summary>
/// <param name="ContactId">Activities with this contact, as their contact or among their participants.</param>
public sealed record InboxFilter(string? Channel = null, string? ConnectionId = null, string? Direction = null, Guid? ContactId = null);
