using Integrations.Platform.Data;

namespace Integrations.Platform.Events;

/// <summary>An event row, written in the transaction of the change that caused it (table <c>events</c>).</summary>
public sealed class StoredEvent : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string Type { get; init; }
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The event's <c>data</c> object as JSON; null when it is stored once, on <see cref="DataEventId"/>.</summary>
    public string? Data { get; init; }

    /// <summary>
    /// The event whose <see cref="Data"/> this one carries: a change's per-object event (<c>contact.created</c>) has the
    /// same data as its <c>record.created</c>, and an import writes a million of them.
    /// </summary>
    public Guid? DataEventId { get; init; }
}
