using Integrations.Platform.Data;

namespace Integrations.Platform.Events;

/// <summary>An event as stored: its id, type, time and <c>data</c> JSON, in the workspace of the caller.</summary>
public sealed record AppendedEvent(Guid Id, Guid WorkspaceId, string Type, DateTimeOffset OccurredAt, Utf8Json Data);
