using Integrations.Platform.Data;

namespace Integrations.Platform.Audit;

/// <summary>One change: who (actor), what (action on an object, changed fields), when, and from where (source).</summary>
public sealed class AuditEntry : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public required string ActorType { get; init; }
    public required string ActorId { get; init; }
    public required string ActorName { get; init; }
    public required string Source { get; init; }
    public required string Action { get; init; }
    public required string ObjectType { get; init; }
    public required string ObjectId { get; init; }

    /// <summary>JSON object: field name → <c>{"from": …, "to": …}</c>.</summary>
    public string? Changes { get; init; }
}
