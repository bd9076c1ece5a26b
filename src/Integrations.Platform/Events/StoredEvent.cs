using Integrations.Platform.Data;

namespace Integrations.Platform.Events;

/// <summary>
/// An event row, written in the transaction of the change that caused it (table <c>events</c>). A record change is one
/// row of its most specific type (<c>contact.created</c>), never a second <c>record.*</c> one.
/// </summary>
public sealed class StoredEvent : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string Type { get; init; }
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The event's <c>data</c> object as JSON.</summary>
    public required string Data { get; init; }
}
