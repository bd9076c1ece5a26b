namespace Integrations.Platform.Audit;

/// <summary>Filters shared by the audit API and the audit page; all optional.</summary>
public sealed record AuditQuery(
    string? ObjectType = null,
    string? ObjectId = null,
    string? Action = null,
    string? ActorId = null,
    string? Source = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    Guid? Before = null,
    int Limit = 50);
